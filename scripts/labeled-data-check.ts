import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './repo-root.js';
import { scriptArgs } from './script-args.js';
import { parseJsonLines } from './json-lines.js';

const usage = `Usage: npm run data:check -- [--dir DIR]\nChecks the labelled topic data: schema, duplicates, label counts.`;

/**
 * `node dist/scripts/labeled-data-check.js [--dir DIR]`: validates data/labeled/topics and prints the
 * per-topic, per-split counts as the Markdown table kept in its README. Exit 1 when a line is
 * invalid, so a bad append is caught before training; test/unit/data/labeled-topics.test.ts
 * holds the corpus-level guarantees (sizes, stratification, real items resolving).
 */

const TOPICS = ['diplomacy', 'security', 'human_rights', 'humanitarian', 'politics', 'economy'] as const;

const labels = z
  .array(z.enum(TOPICS))
  .max(3)
  .refine((list) => new Set(list).size === list.length, 'labels repeat');
const split = z.enum(['train', 'test']);

const writtenSchema = z.strictObject({
  id: z.string().regex(/^w\d{4}$/),
  title: z.string().min(1),
  summary: z.string().min(1),
  source: z.string().min(1),
  published: z.iso.datetime(),
  labels,
  split,
});

// Strict: a real item carries its key and labels only, never publisher text.
const realSchema = z
  .strictObject({
    file: z.string().min(1),
    guid: z.string().min(1).optional(),
    link: z.string().min(1).optional(),
    labels,
    split,
  })
  .refine((row) => (row.guid === undefined) !== (row.link === undefined), 'exactly one of guid or link');

interface LabeledRow {
  labels: readonly string[];
  split: 'train' | 'test';
}

export interface CorpusCheck {
  written: LabeledRow[];
  real: LabeledRow[];
  problems: string[];
}

export async function checkLabeledTopics(dir: string): Promise<CorpusCheck> {
  const problems: string[] = [];
  const writtenFile = join(dir, 'written.jsonl');
  const realFile = join(dir, 'real-labels.jsonl');
  const written = parseJsonLines(await readFile(writtenFile, 'utf8'), writtenSchema, writtenFile, problems);
  const real = parseJsonLines(await readFile(realFile, 'utf8'), realSchema, realFile, problems);
  const ids = written.map((row) => row.id);
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index) problems.push(`${writtenFile}: id ${id} is used twice`);
  });
  // BBC re-issues a guid with a new #n fragment between polls: one story, one label.
  const keys = real.map((row) => `${(row.guid ?? row.link ?? '').replace(/#\d+$/, '')}`);
  keys.forEach((key, index) => {
    if (keys.indexOf(key) !== index) problems.push(`${realFile}: ${key} is labelled twice`);
  });
  return { written, real, problems };
}

function count(rows: readonly LabeledRow[], topic: string, which: 'train' | 'test'): number {
  return rows.filter(
    (row) => row.split === which && (topic === 'none' ? row.labels.length === 0 : row.labels.includes(topic)),
  ).length;
}

export function countsTable(check: CorpusCheck): string {
  const header = '| Topic | written train | written test | real train | real test | total | test total |\n|---|---|---|---|---|---|---|';
  const line = (name: string, cells: number[]): string => {
    const [wTrain = 0, wTest = 0, rTrain = 0, rTest = 0] = cells;
    return `| ${name} | ${cells.join(' | ')} | ${wTrain + wTest + rTrain + rTest} | ${wTest + rTest} |`;
  };
  const rows = [...TOPICS, 'none'].map((topic) =>
    line(topic, [
      count(check.written, topic, 'train'),
      count(check.written, topic, 'test'),
      count(check.real, topic, 'train'),
      count(check.real, topic, 'test'),
    ]),
  );
  const items = (set: readonly LabeledRow[], which: 'train' | 'test'): number => set.filter((row) => row.split === which).length;
  rows.push(
    line('**items**', [items(check.written, 'train'), items(check.written, 'test'), items(check.real, 'train'), items(check.real, 'test')]),
  );
  return [header, ...rows].join('\n');
}

async function main(): Promise<number> {
  const values = scriptArgs(usage, { dir: { type: 'string', default: join(repoRoot(), 'data/labeled/topics') } });
  const check = await checkLabeledTopics(resolve(values.dir));
  for (const problem of check.problems) process.stderr.write(`${problem}\n`);
  const all = [...check.written, ...check.real];
  const multi = all.filter((row) => row.labels.length > 1).length;
  process.stdout.write(`${all.length} items, ${multi} with two or three labels\n\n${countsTable(check)}\n`);
  return check.problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
