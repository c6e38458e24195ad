import { z } from 'zod';
import type { Store, Collection } from '../store/store.js';

/** An item as stored after intel and clustering: what `/sitrep recent`, `search` and `why` read. */
export const itemRecordSchema = z.object({
  id: z.string(),
  feedId: z.string(),
  source: z.string(),
  title: z.string(),
  summary: z.string(),
  link: z.string().nullable(),
  guid: z.string().nullable(),
  published: z.string(),
  sourceTags: z.array(z.string()),
  language: z.string().nullable(),
  storyId: z.string(),
  seenAt: z.string(),
  /** True once its story event reached delivery's outbox; false means "re-emit on the next offer". */
  handled: z.boolean(),
  intel: z.object({
    topics: z.array(z.string()),
    scores: z.record(z.string(), z.number()),
    reasons: z.record(z.string(), z.array(z.string())),
    places: z.array(z.string()),
    actors: z.array(z.string()),
    summary: z.string(),
  }),
});

export type ItemRecord = z.output<typeof itemRecordSchema>;

export interface ItemRecords {
  byId: Collection<ItemRecord>;
  /** Canonical link → item id, so `/sitrep why <url>` finds an item from the link a person pastes. */
  byLink: Collection<string>;
}

export function openItemRecords(store: Store): ItemRecords {
  return {
    byId: store.collection('items', itemRecordSchema),
    byLink: store.collection('items-by-link', z.string()),
  };
}
