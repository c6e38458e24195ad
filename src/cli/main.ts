#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './cli-io.js';
import { ConfigError, formatConfigProblem } from '../settings/config-error.js';
import { packageVersion } from '../settings/load-config.js';

type CommandRunner = (argv: string[], io: CliIo) => Promise<number>;

interface CliCommand {
  summary: string;
  load: () => Promise<CommandRunner>;
}

/** Commands load lazily so `sitrep classify` never pays for discord.js and vice versa. */
const commands: Record<string, CliCommand> = {
  run: {
    summary: 'run the worker: poll feeds on schedule and post alerts (console, Discord, Slack)',
    load: async () => (await import('./commands/run.js')).runRunCommand,
  },
  poll: {
    summary: 'poll --once [--dry-run] [--json]: one poll cycle over every enabled feed',
    load: async () => (await import('./commands/poll.js')).runPollCommand,
  },
  demo: {
    summary: 'serve the sample feeds locally and run the worker against them (no network needed)',
    load: async () => (await import('./commands/demo.js')).runDemoCommand,
  },
  classify: {
    summary: 'classify JSON-line items from stdin: topics, scores, reasons, places, actors, summary',
    load: async () => (await import('./commands/classify.js')).runClassifyCommand,
  },
  explain: {
    summary: "explain one item's topic scores: terms, rules, tags and thresholds",
    load: async () => (await import('./commands/explain.js')).runExplainCommand,
  },
  cluster: {
    summary: 'group JSON lines from stdin into stories: one {"id","story"} line per item',
    load: async () => (await import('./commands/cluster.js')).runClusterCommand,
  },
  feeds: {
    summary: 'feeds check: fetch every configured feed once and report status, HTTP code, items, time',
    load: async () => (await import('./commands/feeds.js')).runFeedsCommand,
  },
  doctor: {
    summary: 'check config, store, topic model, Discord and Slack settings; say what is missing',
    load: async () => (await import('./commands/doctor.js')).runDoctorCommand,
  },
  parse: {
    summary: 'parse and normalize one feed file or URL and print its items (--json)',
    load: async () => (await import('./commands/parse.js')).runParseCommand,
  },
  'register-commands': {
    summary: 'register the /sitrep slash command with Discord (--guild ID for one server, else global)',
    load: async () => (await import('./commands/register-commands.js')).runRegisterCommandsCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: sitrep <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Common options: --config DIR (or SITREP_CONFIG_DIR) picks the config folder.',
    'Run `sitrep <command> --help` for a command’s options.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage() + '\n');
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`sitrep: unknown command "${name}"\n\n${usage()}\n`);
    return 1;
  }
  const run = await command.load();
  try {
    return await run(rest, io);
  } catch (error) {
    // A bad config is the user's to fix: list every problem, no stack trace, exit 2.
    if (error instanceof ConfigError) {
      const count = error.problems.length;
      io.stderr.write(`sitrep: the configuration has ${count} problem${count === 1 ? '' : 's'}:\n`);
      for (const problem of error.problems) io.stderr.write(`  ${formatConfigProblem(problem)}\n`);
      return 2;
    }
    throw error;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

/** `sitrep cluster < in | head` closes the pipe early: the reader has what it wanted, and that is not an error. */
function exitQuietlyOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
}

if (isEntryPoint()) {
  process.stdout.on('error', exitQuietlyOnClosedPipe);
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`sitrep: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
