import { z } from 'zod';

/** HH:MM on a 24-hour clock, local to the subscription's time zone. */
export const clockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time HH:MM between 00:00 and 23:59' });

/** ISO 3166-1 alpha-2 ("AF") or ISO 3166-2 ("AF-KAB"), upper case. */
export const regionCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { error: 'expected an ISO 3166 code such as AF or AF-KAB' });

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { error: 'expected an IANA time zone such as Europe/Berlin or UTC' });

export const keywordFilterSchema = z.object({
  /** Any one of these words or phrases must appear (empty: no constraint). */
  include: z.array(z.string().min(1)).default([]),
  /** None of these may appear. */
  exclude: z.array(z.string().min(1)).default([]),
});
export type KeywordFilter = z.infer<typeof keywordFilterSchema>;

export const subscriptionSchema = z.object({
  id: z.string().min(1),
  platform: z.enum(['console', 'discord', 'slack']),
  workspaceId: z.string().min(1),
  channelId: z.string().min(1),
  /** Configured topic ids; a story matches when any of them scores at least minConfidence. */
  topics: z.array(z.string().min(1)).min(1),
  /** Empty means every region; a country code also matches its subdivisions. */
  regions: z.array(regionCodeSchema).default([]),
  keywords: keywordFilterSchema.default({ include: [], exclude: [] }),
  minConfidence: z.number().min(0).max(1).default(0.5),
  mode: z.enum(['instant', 'digest']).default('instant'),
  digestAt: clockTimeSchema.default('08:00'),
  timezone: timeZoneSchema.default('UTC'),
  updates: z.enum(['edit', 'thread', 'off']).default('edit'),
  /** Instant alerts inside these local hours go to the next digest instead. */
  quietHours: z.object({ start: clockTimeSchema, end: clockTimeSchema }).nullable().default(null),
  /** Noise budget: at most this many instant alerts per hour; overflow goes to the next digest. */
  maxPerHour: z.number().int().min(1).nullable().default(null),
  /** Role pinged on high-confidence security alerts (platform role id). */
  mentionRoleId: z.string().min(1).nullable().default(null),
  /** Set when the platform rejected the channel (missing access, unknown channel). */
  paused: z.object({ reason: z.string(), at: z.string() }).nullable().default(null),
  createdBy: z.string().min(1),
  createdAt: z.string(),
});

export type Subscription = z.output<typeof subscriptionSchema>;
export type SubscriptionInput = z.input<typeof subscriptionSchema>;

/** Channel identity across platforms: the key every per-channel structure uses. */
export function channelKey(sub: { platform: string; channelId: string }): string {
  return `${sub.platform}:${sub.channelId}`;
}

/**
 * Splits keyword text into include/exclude terms: words, "quoted phrases",
 * and a leading minus for exclusions (-sports, -"transfer window").
 */
export function parseKeywords(text: string): KeywordFilter {
  const include: string[] = [];
  const exclude: string[] = [];
  const pattern = /(-?)(?:"([^"]*)"|(\S+))/g;
  for (const match of text.matchAll(pattern)) {
    const term = (match[2] ?? match[3] ?? '').replace(/"/g, '').trim().toLowerCase();
    if (term.length === 0) continue;
    (match[1] === '-' ? exclude : include).push(term);
  }
  return { include: [...new Set(include)], exclude: [...new Set(exclude)] };
}

/** The inverse of parseKeywords, for display and round trips. */
export function formatKeywords(filter: KeywordFilter): string {
  const quote = (term: string) => (/\s/.test(term) ? `"${term}"` : term);
  return [...filter.include.map(quote), ...filter.exclude.map((t) => `-${quote(t)}`)].join(' ');
}

/** True when `place` is `region` or one of its subdivisions. */
export function regionMatches(region: string, place: string): boolean {
  return place === region || (!region.includes('-') && place.startsWith(`${region}-`));
}
