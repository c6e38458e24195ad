import type { Platform } from '../adapters/chat-adapter.js';

export interface PlatformLimits {
  /** Requests per second across the whole bot (Discord: 50 globally). */
  globalPerSecond: number;
  globalBurst: number;
  /** Messages per second into one channel (Slack: about 1; Discord: 5 per 5 s per route). */
  perChannelPerSecond: number;
  perChannelBurst: number;
  /** Budget for one digest message, in characters of entry text. */
  maxDigestChars: number;
  /** Attempts before an entry that keeps failing is given up (marked failed). */
  maxAttempts: number;
}

/** Defaults per platform; the composition root may override any field. */
export const defaultPlatformLimits = {
  discord: {
    // Discord allows 50 requests/s per bot; a little headroom and no burst keep
    // every one-second window under it even with clock jitter, so no 429s.
    globalPerSecond: 48,
    globalBurst: 2,
    perChannelPerSecond: 1, // message-create route bucket: 5 per 5 s per channel
    perChannelBurst: 1,
    maxDigestChars: 3_800, // embed description limit is 4,096
    maxAttempts: 8,
  },
  slack: {
    globalPerSecond: 10, // chat.postMessage allows "several hundred per minute" per workspace: stay at 600/min
    globalBurst: 1,
    perChannelPerSecond: 1, // "about one message per second per channel"
    perChannelBurst: 1,
    maxDigestChars: 2_800, // 3,000 characters per section text block
    maxAttempts: 8,
  },
  console: {
    globalPerSecond: 1_000,
    globalBurst: 1_000,
    perChannelPerSecond: 1_000,
    perChannelBurst: 1_000,
    maxDigestChars: 10_000,
    maxAttempts: 3,
  },
} as const satisfies Record<Platform, PlatformLimits>;

export function resolveLimits(
  overrides: Partial<Record<Platform, Partial<PlatformLimits>>> | undefined,
): Record<Platform, PlatformLimits> {
  return {
    discord: { ...defaultPlatformLimits.discord, ...overrides?.discord },
    slack: { ...defaultPlatformLimits.slack, ...overrides?.slack },
    console: { ...defaultPlatformLimits.console, ...overrides?.console },
  };
}
