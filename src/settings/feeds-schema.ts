import { z } from 'zod';

const feedId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a short slug of lowercase letters, digits and dashes');

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const httpUrl = z.string().refine(isHttpUrl, 'expected an http(s) URL');

/** BCP 47-ish: "en", "pt-BR", "zh-Hant". */
const languageTag = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a language tag such as "en" or "pt-BR"');

const isoCode = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected an ISO 3166 code such as "AF" or "AF-KAB"');

const minutes = z.number().int('expected whole minutes').min(1, 'expected at least 1 minute').max(10_080, 'expected at most a week (10080 minutes)');

const feedEntrySchema = z.strictObject({
  id: feedId,
  url: httpUrl,
  title: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  intervalMinutes: minutes.optional(),
  language: languageTag.optional(),
  regionHints: z.array(isoCode).default([]),
  topicHints: z.array(z.string().min(1)).default([]),
  enabled: z.boolean().default(true),
  backfill: z.number().int().min(0).max(100).default(0),
});

export const feedsFileSchema = z
  .strictObject({
    defaults: z
      .strictObject({
        intervalMinutes: minutes.default(15),
        language: languageTag.optional(),
      })
      .default({ intervalMinutes: 15 }),
    feeds: z.array(feedEntrySchema).default([]),
  })
  .superRefine((file, ctx) => {
    const firstIndex = new Map<string, number>();
    file.feeds.forEach((feed, index) => {
      const previous = firstIndex.get(feed.id);
      if (previous === undefined) firstIndex.set(feed.id, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['feeds', index, 'id'],
          message: `duplicate feed id "${feed.id}" (first used at feeds[${previous}])`,
        });
    });
  });

export type FeedsFile = z.output<typeof feedsFileSchema>;
