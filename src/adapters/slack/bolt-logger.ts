import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../domain/logger.js';
import { redactString } from '../../domain/logger.js';

const text = (parts: unknown[]) => redactString(parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' '));

/** Bolt's and the Slack SDK's log lines, into Sitrep's structured logger (tokens redacted). */
export function boltLogger(logger: Logger, level: LogLevel = LogLevel.WARN): BoltLogger {
  let current = level;
  let log = logger.child({ component: 'slack-sdk' });
  const rank: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };
  const on = (at: LogLevel) => rank[at] >= rank[current];
  return {
    debug: (...parts) => on(LogLevel.DEBUG) && log.debug(text(parts)),
    info: (...parts) => on(LogLevel.INFO) && log.info(text(parts)),
    warn: (...parts) => on(LogLevel.WARN) && log.warn(text(parts)),
    error: (...parts) => on(LogLevel.ERROR) && log.error(text(parts)),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (name) => {
      log = logger.child({ component: name });
    },
  };
}
