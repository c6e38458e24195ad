/**
 * Slack's posting limits as the emulator enforces them: chat.postMessage allows
 * about one message per second per channel (short bursts tolerated) and, above
 * that, "several hundred messages per minute" per workspace.
 */
export interface EmulatorLimits {
  perChannelPerSecond: number;
  /** Messages a quiet channel may take at once. */
  perChannelBurst: number;
  workspacePerMinute: number;
  /** Messages a quiet workspace may take at once; default one second's worth. */
  workspaceBurst?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export interface WorkspaceLimits {
  /** Takes one message for `channel`: 0 when allowed, else ms until it would be. */
  take(channel: string): number;
}

export function createWorkspaceLimits(limits: EmulatorLimits, now: () => number): WorkspaceLimits {
  const workspaceRate = limits.workspacePerMinute / 60_000;
  const workspaceBurst = limits.workspaceBurst ?? Math.max(1, limits.workspacePerMinute / 60);
  const channelRate = limits.perChannelPerSecond / 1_000;
  const workspace: Bucket = { tokens: workspaceBurst, at: now() };
  const channels = new Map<string, Bucket>();

  function refill(bucket: Bucket, rate: number, burst: number, t: number): void {
    bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.at) * rate);
    bucket.at = t;
  }

  return {
    take(channel) {
      const t = now();
      let bucket = channels.get(channel);
      if (!bucket) {
        bucket = { tokens: limits.perChannelBurst, at: t };
        channels.set(channel, bucket);
      }
      refill(bucket, channelRate, limits.perChannelBurst, t);
      refill(workspace, workspaceRate, workspaceBurst, t);
      if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / channelRate);
      if (workspace.tokens < 1) return Math.ceil((1 - workspace.tokens) / workspaceRate);
      bucket.tokens -= 1;
      workspace.tokens -= 1;
      return 0;
    },
  };
}
