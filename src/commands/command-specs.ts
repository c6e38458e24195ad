import { z } from 'zod';
import {
  clockTime,
  flag,
  httpUrl,
  integerBetween,
  numberBetween,
  oneOf,
  quietHours,
  regionList,
  text,
  timeZone,
  topicList,
} from './command-options.js';

/**
 * Every /sitrep subcommand: its zod option schema (the single source of truth for
 * arguments on every platform), usage line, whether it is admin only, and which
 * options Slack's free text may give positionally, in order.
 */
export interface CommandSpec {
  path: string[];
  schema: z.ZodObject;
  usage: string;
  summary: string;
  admin: boolean;
  positional: string[];
  /** Option that collects any further bare words (Slack text), e.g. keywords. */
  rest?: string;
}

const publicFlag = { public: flag.optional() };
const feedId = text('a feed id (see /sitrep feeds list)', 80);
const topicId = text('a topic id (see /sitrep topics)', 60);

export const commandSpecs: CommandSpec[] = [
  {
    path: ['subscribe'],
    schema: z.object({
      topics: topicList,
      regions: regionList.optional(),
      keywords: text('keywords', 300).optional(),
      min_confidence: numberBetween(0, 1).optional(),
      mode: oneOf(['instant', 'digest']).optional(),
      digest_at: clockTime.optional(),
      timezone: timeZone.optional(),
      updates: oneOf(['edit', 'thread', 'off']).optional(),
      quiet_hours: quietHours.optional(),
      max_per_hour: integerBetween(1, 120).optional(),
      mention_role: text('a role id', 40).optional(),
      ...publicFlag,
    }),
    usage:
      '/sitrep subscribe topics:<ids> [regions:<ISO codes>] [keywords:<words, "phrases", -excluded>] [min_confidence:<0..1>] [mode:instant|digest] [digest_at:HH:MM] [timezone:<IANA>] [updates:edit|thread|off] [quiet_hours:HH:MM-HH:MM] [max_per_hour:<n>] [mention_role:<role id>]',
    summary: 'subscribe this channel to topics',
    admin: false,
    positional: ['topics'],
    rest: 'keywords',
  },
  {
    path: ['unsubscribe'],
    schema: z.object({ topics: topicList.optional(), ...publicFlag }),
    usage: '/sitrep unsubscribe [topics:<ids>]',
    summary: 'remove this channel’s subscriptions (all, or some topics)',
    admin: false,
    positional: ['topics'],
  },
  { path: ['subscriptions'], schema: z.object({ ...publicFlag }), usage: '/sitrep subscriptions', summary: 'list this channel’s subscriptions', admin: false, positional: [] },
  {
    path: ['recent'],
    schema: z.object({ topic: topicId.optional(), region: regionList.optional(), hours: integerBetween(1, 720).optional(), ...publicFlag }),
    usage: '/sitrep recent [topic:<id>] [region:<ISO code>] [hours:<1..720, default 24>]',
    summary: 'latest stories, newest first',
    admin: false,
    positional: ['topic'],
  },
  {
    path: ['search'],
    schema: z.object({ query: text('search words', 200), hours: integerBetween(1, 8_760).optional(), ...publicFlag }),
    usage: '/sitrep search <query> [hours:<n>]',
    summary: 'full-text search over stored items and stories',
    admin: false,
    positional: [],
    rest: 'query',
  },
  { path: ['topics'], schema: z.object({ ...publicFlag }), usage: '/sitrep topics', summary: 'the topics and their definitions', admin: false, positional: [] },
  {
    path: ['why'],
    schema: z.object({ url: httpUrl, ...publicFlag }),
    usage: '/sitrep why <url>',
    summary: 'why an item was or was not posted here',
    admin: false,
    positional: ['url'],
  },
  { path: ['status'], schema: z.object({ ...publicFlag }), usage: '/sitrep status', summary: 'feed health', admin: false, positional: [] },
  { path: ['feeds', 'list'], schema: z.object({ ...publicFlag }), usage: '/sitrep feeds list', summary: 'configured feeds', admin: true, positional: [] },
  {
    path: ['feeds', 'add'],
    schema: z.object({ url: httpUrl, interval: integerBetween(5, 1_440).optional(), title: text('a title', 120).optional() }),
    usage: '/sitrep feeds add <url> [interval:<minutes>] [title:<text>]',
    summary: 'add a feed (fetched and parsed before it is accepted)',
    admin: true,
    positional: ['url'],
  },
  { path: ['feeds', 'remove'], schema: z.object({ id: feedId }), usage: '/sitrep feeds remove <id>', summary: 'remove a feed', admin: true, positional: ['id'] },
  { path: ['feeds', 'pause'], schema: z.object({ id: feedId }), usage: '/sitrep feeds pause <id>', summary: 'stop polling a feed', admin: true, positional: ['id'] },
  { path: ['feeds', 'resume'], schema: z.object({ id: feedId }), usage: '/sitrep feeds resume <id>', summary: 'poll a paused feed again', admin: true, positional: ['id'] },
  {
    path: ['feeds', 'interval'],
    schema: z.object({ id: feedId, minutes: integerBetween(5, 1_440) }),
    usage: '/sitrep feeds interval <id> <minutes>',
    summary: 'change how often a feed is polled',
    admin: true,
    positional: ['id', 'minutes'],
  },
  {
    path: ['tune', 'add-term'],
    schema: z.object({ topic: topicId, term: text('a term', 80) }),
    usage: '/sitrep tune add-term topic:<id> term:<word or phrase>',
    summary: 'add a term to a topic',
    admin: true,
    positional: ['topic'],
    rest: 'term',
  },
  {
    path: ['tune', 'remove-term'],
    schema: z.object({ topic: topicId, term: text('a term', 80) }),
    usage: '/sitrep tune remove-term topic:<id> term:<word or phrase>',
    summary: 'remove a term from a topic',
    admin: true,
    positional: ['topic'],
    rest: 'term',
  },
  {
    path: ['tune', 'threshold'],
    schema: z.object({ topic: topicId, value: numberBetween(0, 1) }),
    usage: '/sitrep tune threshold topic:<id> value:<0..1>',
    summary: 'change the score at which a topic is assigned',
    admin: true,
    positional: ['topic', 'value'],
  },
  {
    path: ['tune', 'history'],
    schema: z.object({ limit: integerBetween(1, 50).optional(), ...publicFlag }),
    usage: '/sitrep tune history [limit:<n>]',
    summary: 'recent tuning changes',
    admin: true,
    positional: ['limit'],
  },
  { path: ['tune', 'undo'], schema: z.object({}), usage: '/sitrep tune undo', summary: 'revert the latest tuning change', admin: true, positional: [] },
];

/** Finds the spec for a path; `tune topic add-term` is accepted for `tune add-term`. */
export function findCommandSpec(path: readonly string[]): CommandSpec | undefined {
  const normalized = path[0] === 'tune' && path[1] === 'topic' ? ['tune', ...path.slice(2)] : path;
  return commandSpecs.find((spec) => spec.path.length === normalized.length && spec.path.every((part, i) => part === normalized[i]));
}

export function usageText(prefix?: string): string[] {
  return commandSpecs.filter((spec) => !prefix || spec.path[0] === prefix).map((spec) => `${spec.usage} — ${spec.summary}${spec.admin ? ' (admin)' : ''}`);
}
