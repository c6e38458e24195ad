import { createFeedFetcher, type FeedFetcher } from '../feeds/fetch-feed.js';
import { buildUserAgent } from '../feeds/user-agent.js';
import { createJsonLogger, type Logger, type LogLevel } from '../domain/logger.js';
import type { PollCycleOptions } from '../pipeline/poll-cycle.js';
import type { Env } from '../settings/env-schema.js';
import { packageVersion } from '../settings/load-config.js';
import type { Settings } from '../settings/settings-schema.js';

/** Small builders shared by `sitrep run`, `poll`, `feeds check` and the composition root. */

export function buildFetcher(settings: Settings): FeedFetcher {
  return createFeedFetcher({
    userAgent: buildUserAgent(packageVersion(), settings.contact),
    connectTimeoutMs: settings.fetch.connectTimeoutMs,
    totalTimeoutMs: settings.fetch.totalTimeoutMs,
    maxBytes: settings.fetch.maxBytes,
    maxRedirects: settings.fetch.maxRedirects,
    allowPrivateNetworks: settings.fetch.allowPrivateNetworks,
  });
}

export function buildPollOptions(settings: Settings): PollCycleOptions {
  return {
    concurrency: settings.fetch.globalConcurrency,
    perHostConcurrency: settings.fetch.perHostConcurrency,
    retentionMs: settings.dedup.retentionDays * 24 * 60 * 60 * 1000,
    policy: {
      backoff: { baseMs: settings.polling.backoffBaseSeconds * 1000, maxMs: settings.polling.backoffMaxSeconds * 1000, jitter: 'equal' },
      pauseAfterFailures: settings.polling.autoPauseAfterFailures,
    },
  };
}

export function buildLogger(env: Env, stream: NodeJS.WritableStream, fallback: LogLevel = 'info'): Logger {
  return createJsonLogger(stream, { level: env.SITREP_LOG_LEVEL ?? fallback });
}
