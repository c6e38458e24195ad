import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Emulators and the feed server bind ports; keep files in separate forks
    // so one file's sockets never leak into another's timing.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
