import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from a compiled script in dist/scripts/ or dist/bench/. */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}
