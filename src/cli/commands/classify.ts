import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAnnotator, type LoadedIntel, loadIntel } from '../../intel/annotate-item.js';
import { resolveConfigDir } from '../../settings/load-config.js';
import { readYamlConfig } from '../../settings/read-yaml-config.js';
import { settingsSchema } from '../../settings/settings-schema.js';
import type { CliIo } from '../cli-io.js';
import { inputFields, inputText, parseJsonLine, type ParsedLine } from './input-lines.js';

/** One input line of `sitrep classify` / `sitrep explain`: the CLI contract of issue 3. */
export const classifyInputSchema = z.object({
  id: inputFields.id,
  title: inputFields.title.transform((title) => inputText(title, { singleLine: true })),
  summary: inputFields.summary.transform((summary) => inputText(summary, { singleLine: false })),
  source: z.string().nullish(),
  published: z.string().nullish(),
  link: z.string().nullish(),
  tags: inputFields.tags,
});
export type ClassifyInputLine = z.output<typeof classifyInputSchema>;

export type ParsedInputLine = ParsedLine<ClassifyInputLine>;

export function parseInputLine(text: string): ParsedInputLine {
  return parseJsonLine(text, classifyInputSchema);
}

/** Loads everything intel needs from the config folder; warns (once) when the model is unusable. */
export async function loadIntelForCli(configDir: string, io: CliIo, command: string): Promise<{ intel: LoadedIntel; summaryMaxChars: number }> {
  const intel = await loadIntel(configDir);
  if (intel.modelProblem) io.stderr.write(`sitrep ${command}: warning: ${intel.modelProblem}; topics use their lexicons only\n`);
  const settingsFile = join(configDir, 'settings.yaml');
  const summaryMaxChars = existsSync(settingsFile)
    ? (await readYamlConfig(settingsFile, settingsSchema, { optional: true })).intel.summaryMaxChars
    : 300;
  return { intel, summaryMaxChars };
}

const usage = `Usage: sitrep classify [--config DIR]

Reads JSON lines on stdin, each with id, title, summary (optional source, published, link,
tags), and writes one JSON line per input, in input order, as each line arrives:
  {"id","topics":[...],"scores":{...},"reasons":{...},"places":[...],"actors":[...],"summary":"..."}
A bad line yields {"id"?,"error"} and the rest continue. Blank lines are skipped.
`;

export interface LineReader {
  /** Calls `handle` for each line, one at a time, until stdin ends or fails. */
  forEachLine(handle: (line: string) => Promise<void>): Promise<void>;
  failure(): Error | null;
  dispose(): void;
}

/** Line reading that turns a stdin error into a value instead of a hang or a crash. */
export function watchReadErrors(stdin: NodeJS.ReadableStream): LineReader {
  let failure: Error | null = null;
  let close: (() => void) | null = null;
  const onError = (error: Error): void => {
    failure ??= error;
    close?.();
  };
  stdin.on('error', onError);
  return {
    async forEachLine(handle) {
      if (failure) return;
      const lines = createInterface({ input: stdin, crlfDelay: Infinity });
      close = () => lines.close();
      for await (const line of lines) {
        if (failure) break;
        await handle(line);
      }
    },
    failure: () => failure,
    dispose: () => {
      stdin.off('error', onError);
    },
  };
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  // Respect backpressure so a slow reader downstream never makes us buffer the whole input.
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}

export async function runClassifyCommand(argv: string[], io: CliIo): Promise<number> {
  let values: { config?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    io.stderr.write(`sitrep classify: ${(error as Error).message}\n\n${usage}`);
    return 1;
  }
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  // Listen for read errors from the start: loading the config takes a moment, and an error
  // emitted with no listener would crash the process instead of ending the command.
  const reader = watchReadErrors(io.stdin);
  const configDir = resolveConfigDir(values.config, io.env, io.cwd);
  try {
    const { intel, summaryMaxChars } = await loadIntelForCli(configDir, io, 'classify');
    const annotate = createAnnotator({ ...intel, summaryMaxChars });
    await reader.forEachLine(async (text) => {
      if (text.trim() === '') return;
      const parsed = parseInputLine(text);
      if (!parsed.ok) {
        await write(io.stdout, `${JSON.stringify(parsed.id === undefined ? { error: parsed.error } : { id: parsed.id, error: parsed.error })}\n`);
        return;
      }
      const { line } = parsed;
      let out: Record<string, unknown>;
      try {
        const notes = annotate({ title: line.title, summary: line.summary, sourceTags: line.tags ?? [] });
        out = { id: line.id, ...notes };
      } catch (error) {
        out = { id: line.id, error: `annotation failed: ${(error as Error).message}` };
      }
      await write(io.stdout, `${JSON.stringify(out)}\n`);
    });
  } finally {
    reader.dispose();
  }
  const failure = reader.failure();
  if (failure) {
    io.stderr.write(`sitrep classify: cannot read stdin (${failure.message})\n`);
    return 1;
  }
  return 0;
}
