import { ApplicationCommandOptionType as T } from 'discord.js';

/**
 * The `/sitrep` slash command as Discord registers it, mirroring the
 * platform-neutral command core: the same subcommands and option names, so the
 * adapter hands options over as they arrive. Shared by the adapter (to know
 * which options autocomplete) and `sitrep register-commands`.
 */

export type AutocompleteSource = 'topic' | 'topic-list' | 'feed';

interface OptionSpec {
  name: string;
  description: string;
  type: T.String | T.Integer | T.Number | T.Boolean | T.Role;
  required?: boolean;
  choices?: readonly string[];
  min?: number;
  max?: number;
  autocomplete?: AutocompleteSource;
}

const publicOption: OptionSpec = { name: 'public', description: 'Show the answer to the whole channel (default: only you)', type: T.Boolean };
const topicList: OptionSpec = { name: 'topics', description: 'Topic ids, comma-separated (e.g. security,diplomacy)', type: T.String, autocomplete: 'topic-list' };
const topicOne = (required: boolean): OptionSpec => ({ name: 'topic', description: 'Topic id', type: T.String, required, autocomplete: 'topic' });
const feedId: OptionSpec = { name: 'id', description: 'Feed id', type: T.String, required: true, autocomplete: 'feed' };
const hours = (max: number): OptionSpec => ({ name: 'hours', description: 'How far back, in hours (default 24)', type: T.Integer, min: 1, max });

/** Subcommands by path: a one-part path is a subcommand, two parts a group and its subcommand. */
export const commandTree: Record<string, { description: string; options: OptionSpec[] }> = {
  subscribe: {
    description: 'Subscribe this channel to topics',
    options: [
      { ...topicList, required: true },
      { name: 'regions', description: 'ISO codes, comma-separated (e.g. AF,PK or AF-KAB)', type: T.String },
      { name: 'keywords', description: 'Words or "quoted phrases"; -word excludes', type: T.String },
      { name: 'min_confidence', description: 'Minimum topic score, 0 to 1 (default 0.5)', type: T.Number, min: 0, max: 1 },
      { name: 'mode', description: 'Alerts as they happen or one digest a day', type: T.String, choices: ['instant', 'digest'] },
      { name: 'digest_at', description: 'Local time of the daily digest, HH:MM', type: T.String },
      { name: 'timezone', description: 'IANA time zone, e.g. Asia/Kabul', type: T.String },
      { name: 'updates', description: 'When more outlets report a story', type: T.String, choices: ['edit', 'thread', 'off'] },
      { name: 'quiet_hours', description: 'Local hours without instant alerts, e.g. 22:00-07:00', type: T.String },
      { name: 'max_per_hour', description: 'At most this many instant alerts per hour; the rest go to the digest', type: T.Integer, min: 1, max: 100 },
      { name: 'mention_role', description: 'Role to ping on high-confidence security alerts', type: T.Role },
      publicOption,
    ],
  },
  unsubscribe: { description: "Remove this channel's subscriptions (or some topics)", options: [topicList, publicOption] },
  subscriptions: { description: "This channel's subscriptions", options: [publicOption] },
  recent: {
    description: 'Latest stories, newest first',
    options: [topicOne(false), { name: 'region', description: 'ISO code, e.g. AF', type: T.String }, hours(720), publicOption],
  },
  search: { description: 'Search stored items and stories', options: [{ name: 'query', description: 'Words to look for', type: T.String, required: true }, hours(8760), publicOption] },
  topics: { description: 'The topics Sitrep knows, with definitions', options: [publicOption] },
  why: { description: 'Why an item was or was not posted here', options: [{ name: 'url', description: 'Link of the item', type: T.String, required: true }, publicOption] },
  status: { description: 'Feed health: failing or paused feeds', options: [publicOption] },
  'feeds list': { description: 'List feeds (admin)', options: [publicOption] },
  'feeds add': {
    description: 'Add a feed after fetching and parsing it (admin)',
    options: [
      { name: 'url', description: 'Feed URL (RSS, Atom or JSON Feed)', type: T.String, required: true },
      { name: 'interval', description: 'Minutes between polls', type: T.Integer, min: 5, max: 1440 },
      { name: 'title', description: 'Display title (default: the feed\'s own)', type: T.String },
    ],
  },
  'feeds remove': { description: 'Remove a feed (admin)', options: [feedId] },
  'feeds pause': { description: 'Pause a feed (admin)', options: [feedId] },
  'feeds resume': { description: 'Resume a paused feed (admin)', options: [feedId] },
  'feeds interval': { description: "Change a feed's polling interval (admin)", options: [feedId, { name: 'minutes', description: 'Minutes between polls', type: T.Integer, required: true, min: 5, max: 1440 }] },
  'tune add-term': { description: 'Add an evidence term to a topic (admin)', options: [topicOne(true), { name: 'term', description: 'Word or phrase', type: T.String, required: true }] },
  'tune remove-term': { description: 'Remove an evidence term from a topic (admin)', options: [topicOne(true), { name: 'term', description: 'Word or phrase', type: T.String, required: true }] },
  'tune threshold': { description: "Set a topic's score threshold (admin)", options: [topicOne(true), { name: 'value', description: 'Threshold, 0 to 1', type: T.Number, required: true, min: 0, max: 1 }] },
  'tune history': { description: 'Changes made to topics from chat (admin)', options: [{ name: 'limit', description: 'How many changes to show', type: T.Integer, min: 1, max: 50 }, publicOption] },
  'tune undo': { description: 'Revert the latest topic change (admin)', options: [] },
};

/** The JSON Discord takes for a command option (a subset of discord-api-types' union, kept flat). */
export interface CommandOptionJson {
  type: T;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  options?: CommandOptionJson[];
}

export interface CommandDefinition {
  name: string;
  description: string;
  options: CommandOptionJson[];
  contexts: number[];
  integration_types: number[];
}

const groupDescriptions: Record<string, string> = { feeds: 'Manage feeds (admin)', tune: 'Tune topics (admin)' };

function optionJson(spec: OptionSpec): CommandOptionJson {
  return {
    type: spec.type,
    name: spec.name,
    description: spec.description,
    required: spec.required ?? false,
    ...(spec.choices ? { choices: spec.choices.map((value) => ({ name: value, value })) } : {}),
    ...(spec.autocomplete ? { autocomplete: true } : {}),
    ...(spec.min !== undefined ? { min_value: spec.min } : {}),
    ...(spec.max !== undefined ? { max_value: spec.max } : {}),
  };
}

/** Required options first, as Discord demands. */
function optionsJson(specs: OptionSpec[]): CommandOptionJson[] {
  return [...specs].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false)).map(optionJson);
}

export function buildCommandDefinitions(): CommandDefinition[] {
  const top: CommandOptionJson[] = [];
  const groups = new Map<string, CommandOptionJson[]>();
  for (const [path, spec] of Object.entries(commandTree)) {
    const [first = '', second] = path.split(' ');
    const sub: CommandOptionJson = { type: T.Subcommand, name: second ?? first, description: spec.description, options: optionsJson(spec.options) };
    if (!second) {
      top.push(sub);
      continue;
    }
    const list = groups.get(first) ?? [];
    list.push(sub);
    groups.set(first, list);
  }
  for (const [name, subs] of groups) {
    top.push({ type: T.SubcommandGroup, name, description: groupDescriptions[name] ?? name, options: subs });
  }
  return [
    {
      name: 'sitrep',
      description: 'News alerts sorted by topic, grouped by story',
      options: top,
      // Guild channels only: subscriptions belong to channels of a server.
      contexts: [0],
      integration_types: [0],
    },
  ];
}

/** Which choices an option autocompletes from, by subcommand path and option name. */
export function autocompleteSource(path: readonly string[], option: string): AutocompleteSource | null {
  return commandTree[path.join(' ')]?.options.find((spec) => spec.name === option)?.autocomplete ?? null;
}
