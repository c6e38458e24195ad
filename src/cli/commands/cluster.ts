import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createStoryClusterer } from '../../intel/cluster/create-story-clusterer.js';
import { defaultClusterOptions } from '../../intel/cluster/cluster-options.js';
import type { ClusterInput } from '../../intel/cluster/cluster-types.js';
import { StoryAliases } from '../../intel/cluster/story-aliases.js';
import { loadStoryIdf } from '../../intel/cluster/story-idf.js';
import { createActorTagger } from '../../intel/actors/create-actor-tagger.js';
import { loadActorsConfig } from '../../intel/actors/load-actors-config.js';
import { createPlaceTagger } from '../../intel/places/create-place-tagger.js';
import { loadPlacesConfig } from '../../intel/places/load-places-config.js';
import { packageRoot, resolveConfigDir } from '../../settings/load-config.js';
import { readYamlConfig } from '../../settings/read-yaml-config.js';
import { settingsSchema } from '../../settings/settings-schema.js';
import type { CliIo } from '../cli-io.js';
import { inputFields, inputText, parseJsonLine, type ParsedLine } from './input-lines.js';

/** The annotations the clusterer uses, computed from an item's text. */
export type ClusterAnnotator = (item: { title: string; summary: string; sourceTags?: string[] }) => {
  topics: string[];
  scores: Record<string, number>;
  places: string[];
  actors: string[];
};

/**
 * Builds the annotator from the config folder: places and actors are evidence for
 * the clusterer (topics only merge into the story record, so none are computed here).
 */
export async function loadClusterAnnotator(configDir: string): Promise<ClusterAnnotator> {
  const placesDir = configFolderWith(configDir, 'places.yaml');
  const actorsDir = configFolderWith(configDir, 'actors.yaml');
  const tagPlaces = placesDir ? createPlaceTagger(await loadPlacesConfig(placesDir)) : () => [];
  const tagActors = actorsDir ? createActorTagger(await loadActorsConfig(actorsDir)) : () => [];
  return ({ title, summary }) => {
    const text = `${title}\n${summary}`;
    return { topics: [], scores: {}, places: tagPlaces(text), actors: tagActors(text) };
  };
}

/** The folder to read a tagger's file from: the chosen config folder, else the packaged one. */
function configFolderWith(configDir: string, file: string): string | undefined {
  if (existsSync(join(configDir, file))) return configDir;
  const packaged = join(packageRoot(), 'config');
  return existsSync(join(packaged, file)) ? packaged : undefined;
}

const inputLine = z.object({
  id: inputFields.id,
  title: inputFields.title.transform((title) => inputText(title, { singleLine: true }).trim()),
  summary: inputFields.summary.transform((summary) => inputText(summary, { singleLine: false })),
  source: z.string({ error: 'expected a string' }).optional(),
  feedId: z.string({ error: 'expected a string' }).optional(),
  published: z
    .string({ error: 'expected an ISO 8601 time' })
    .refine((value) => Number.isFinite(Date.parse(value)), 'published must be an ISO 8601 time'),
  link: z.string({ error: 'expected a string or null' }).nullable().optional(),
  tags: inputFields.tags,
});
type InputLine = z.output<typeof inputLine>;

/**
 * A web address in the id ("https://…", or a guid behind a source prefix, "nyt:https://…") is
 * the item's permalink, as an RSS guid usually is: it stands in for a missing link.
 */
function permalinkId(id: string): string | null {
  return /https?:\/\/\S+/i.exec(id)?.[0] ?? null;
}

type Parsed = (ParsedLine<InputLine> & { ok: false }) | { ok: true; line: InputLine; order: number };

function parseLine(text: string, order: number): Parsed {
  const parsed = parseJsonLine(text, inputLine);
  return parsed.ok ? { ...parsed, order } : parsed;
}

const usage = `Usage: sitrep cluster [--config DIR] [--window HOURS]

Reads JSON lines with id, title, summary, source, published (optional link, tags) on
stdin, clusters them into stories in published order, and writes one line per input,
in input order: {"id","story"} (items of one story share "story"), or {"id"?,"error"}.
`;

async function readLines(stdin: NodeJS.ReadableStream): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) lines.push(line);
  return lines;
}

async function windowFrom(configDir: string, flag: string | undefined): Promise<number | string> {
  if (flag !== undefined) {
    const hours = Number(flag);
    return Number.isFinite(hours) && hours > 0 ? hours : `--window: expected a positive number of hours, got "${flag}"`;
  }
  const file = join(configDir, 'settings.yaml');
  if (!existsSync(file)) return defaultClusterOptions.windowHours;
  return (await readYamlConfig(file, settingsSchema, { optional: true })).stories.windowHours;
}

export async function runClusterCommand(argv: string[], io: CliIo): Promise<number> {
  let values: { config?: string; window?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { config: { type: 'string' }, window: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.stderr.write(`sitrep cluster: ${(error as Error).message}\n\n${usage}`);
    return 1;
  }
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const configDir = resolveConfigDir(values.config, io.env, io.cwd);
  const windowHours = await windowFrom(configDir, values.window);
  if (typeof windowHours === 'string') {
    io.stderr.write(`sitrep cluster: ${windowHours}\n`);
    return 1;
  }
  let lines: string[];
  try {
    lines = await readLines(io.stdin);
  } catch (error) {
    io.stderr.write(`sitrep cluster: cannot read stdin (${(error as Error).message})\n`);
    return 1;
  }
  const annotate = await loadClusterAnnotator(configDir);
  const parsed = lines.map((text, order) => (text.trim() ? parseLine(text, order) : undefined));
  const valid = parsed.filter((entry): entry is Extract<Parsed, { ok: true }> => entry?.ok === true);
  // The live system sees items in published order; ties keep input order.
  valid.sort((a, b) => Date.parse(a.line.published) - Date.parse(b.line.published) || a.order - b.order);
  const storyIdf = await loadStoryIdf();
  if (!storyIdf.ok) io.stderr.write(`sitrep cluster: warning: clustering without reference frequencies (${storyIdf.message})\n`);
  const clusterer = createStoryClusterer({ windowHours, ...(storyIdf.ok ? { background: storyIdf.background } : {}) });
  const storyOf = new Map<number, string>();
  const aliases = new StoryAliases();
  // A repeated id is the same item offered twice (two feeds of one publisher): one report, one story.
  const storyOfId = new Map<string, string>();
  for (const { line, order } of valid) {
    const known = storyOfId.get(line.id);
    if (known) {
      storyOf.set(order, known);
      continue;
    }
    const notes = annotate({ title: line.title, summary: line.summary, sourceTags: line.tags ?? [] });
    const input: ClusterInput = {
      id: line.id,
      title: line.title,
      summary: line.summary,
      source: line.source ?? line.feedId ?? 'unknown',
      // Without a source nothing says two items came from one feed: each is its own.
      feedId: line.feedId ?? line.source ?? `item:${line.id}`,
      link: line.link ?? permalinkId(line.id),
      published: new Date(Date.parse(line.published)).toISOString(),
      ...notes,
    };
    const result = clusterer.add(input);
    aliases.record(result);
    storyOf.set(order, result.story.id);
    storyOfId.set(line.id, result.story.id);
  }
  // Stories merged later in the stream take their items along: output the final grouping.
  const finalStory = (order: number): string | undefined => {
    const storyId = storyOf.get(order);
    return storyId === undefined ? undefined : aliases.resolve(storyId);
  };
  parsed.forEach((entry, order) => {
    if (!entry) return;
    const out = entry.ok ? { id: entry.line.id, story: finalStory(order) } : entry.id === undefined ? { error: entry.error } : { id: entry.id, error: entry.error };
    io.stdout.write(JSON.stringify(out) + '\n');
  });
  return 0;
}
