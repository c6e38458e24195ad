/** The one logging seam: structured records, never string-built secrets. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every record (feedId, component …). */
  child(fields: Record<string, unknown>): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  level?: LogLevel;
  /** Injected so tests get stable output. */
  now?: () => Date;
}

const REDACTED = '[redacted]';

// Keys whose values are credentials whatever they look like.
const secretKeyPattern = /(token|secret|password|passwd|authorization|cookie|api[-_]?key|credential)/i;

// Values that look like credentials wherever they appear (a URL, an error message …).
const secretValuePatterns: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g, // Slack bot/user/app tokens
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /\b(Bot|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, // Authorization header values
  /[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, // Discord bot tokens
  /(?<=:\/\/[^/\s:@]*:)[^@\s/]+(?=@)/g, // passwords inside URLs (redis://user:pass@host)
];

/** Replaces token-looking substrings; exported for adapters that echo user text into logs. */
export function redactString(value: string): string {
  let out = value;
  for (const pattern of secretValuePatterns) out = out.replace(pattern, REDACTED);
  return out;
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (seen.has(value)) return '[circular]';
  if (depth > 6) return '[nested]';
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactString(value.message),
      ...(code === undefined ? {} : { code: redact(code, depth + 1, seen) }),
      ...(value.stack === undefined ? {} : { stack: redactString(value.stack) }),
    };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((entry) => redact(entry, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    // Numbers and booleans under a secret-looking key (tokenCount, hasPassword) carry no secret.
    const hidden = secretKeyPattern.test(key) && entry !== null && entry !== undefined && typeof entry !== 'number' && typeof entry !== 'boolean';
    out[key] = hidden ? REDACTED : redact(entry, depth + 1, seen);
  }
  return out;
}

/** Redacts a record's fields: secret-named keys and token-looking strings. */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  return redact(fields, 0, new WeakSet()) as Record<string, unknown>;
}

/**
 * One JSON object per line (`time`, `level`, `msg`, then fields) on `stream`,
 * normally stderr so stdout stays free for `--json` output.
 */
export function createJsonLogger(stream: NodeJS.WritableStream, options: JsonLoggerOptions = {}): Logger {
  const minimum = levelRank[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());

  const make = (bound: Record<string, unknown>): Logger => {
    const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
      if (levelRank[level] < minimum) return;
      const record = redactFields({ ...bound, ...fields });
      const line = JSON.stringify({ time: now().toISOString(), level, msg: redactString(message), ...record });
      stream.write(`${line}\n`);
    };
    return {
      debug: (message, fields) => write('debug', message, fields),
      info: (message, fields) => write('info', message, fields),
      warn: (message, fields) => write('warn', message, fields),
      error: (message, fields) => write('error', message, fields),
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return make({});
}

/** Discards everything: for tests and library use. */
export function createSilentLogger(): Logger {
  const silent: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => silent,
  };
  return silent;
}
