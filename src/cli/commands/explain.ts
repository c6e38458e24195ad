import { parseArgs } from 'node:util';
import { createClassifier } from '../../intel/classify/classifier.js';
import { formatExplanation } from '../../intel/classify/explanation.js';
import { createActorTagger } from '../../intel/actors/create-actor-tagger.js';
import { createPlaceTagger } from '../../intel/places/create-place-tagger.js';
import { resolveConfigDir } from '../../settings/load-config.js';
import type { CliIo } from '../cli-io.js';
import { type ClassifyInputLine, loadIntelForCli, parseInputLine, watchReadErrors } from './classify.js';

const usage = `Usage: sitrep explain [--config DIR] [--title T --summary S [--tag TAG ...]] [--json]

Explains the topics of one item: each topic's score, the terms, phrases, rules and source
tags that fired (with their weight in the score), and the threshold that decided it.
Without --title, reads one JSON line (id, title, summary, tags) from stdin.
`;

async function firstLine(stdin: NodeJS.ReadableStream): Promise<{ line: string | null; failure: Error | null }> {
  const reader = watchReadErrors(stdin);
  let found: string | null = null;
  try {
    await reader.forEachLine(async (line) => {
      if (found === null && line.trim() !== '') found = line;
    });
  } finally {
    reader.dispose();
  }
  return { line: found, failure: reader.failure() };
}

export async function runExplainCommand(argv: string[], io: CliIo): Promise<number> {
  let values: { config?: string; title?: string; summary?: string; tag?: string[]; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        title: { type: 'string' },
        summary: { type: 'string' },
        tag: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr.write(`sitrep explain: ${(error as Error).message}\n\n${usage}`);
    return 1;
  }
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  let item: ClassifyInputLine;
  if (values.title !== undefined || values.summary !== undefined) {
    item = { id: 'cli', title: values.title ?? '', summary: values.summary ?? '', tags: values.tag ?? [] };
  } else {
    const { line: text, failure } = await firstLine(io.stdin);
    if (failure) {
      io.stderr.write(`sitrep explain: cannot read stdin (${failure.message})\n`);
      return 1;
    }
    if (text === null) {
      io.stderr.write(`sitrep explain: no item given\n\n${usage}`);
      return 1;
    }
    const parsed = parseInputLine(text);
    if (!parsed.ok) {
      io.stderr.write(`sitrep explain: ${parsed.error}\n`);
      return 1;
    }
    item = parsed.line;
  }
  const configDir = resolveConfigDir(values.config, io.env, io.cwd);
  const { intel } = await loadIntelForCli(configDir, io, 'explain');
  const classifier = createClassifier(intel.topics, intel.model);
  const result = classifier.classify({ title: item.title, summary: item.summary, sourceTags: item.tags ?? [] });
  const text = `${item.title}\n${item.summary}`;
  const places = createPlaceTagger(intel.places)(text);
  const actors = createActorTagger(intel.actors)(text);
  if (values.json) {
    const out = { id: item.id, topics: result.topics, scores: result.scores, explanation: result.explanation, cancelled: result.cancelled, places, actors };
    io.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  }
  const lines = [
    `topics: ${result.topics.length > 0 ? result.topics.join(', ') : '(none)'}`,
    formatExplanation(result.explanation, result.cancelled),
    `places: ${places.join(', ') || '(none)'}`,
    `actors: ${actors.join(', ') || '(none)'}`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
