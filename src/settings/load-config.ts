import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeedDefinition } from '../pipeline/feed-definition.js';
import { ConfigError, type ConfigProblem, zodIssuesToProblems } from './config-error.js';
import { type Env, envSchema, presentEnv } from './env-schema.js';
import { feedsFileSchema } from './feeds-schema.js';
import { displayPath, readYamlConfig } from './read-yaml-config.js';
import { type Settings, settingsSchema } from './settings-schema.js';

/** The package root (where config/, data/model/ ship), found from this file in src/ or dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Sitrep's version, from the package.json beside config/ (for --version and the User-Agent). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Where config lives: `--config DIR`, else SITREP_CONFIG_DIR, else ./config when the
 * working directory has one, else the config/ shipped with the package.
 */
export function resolveConfigDir(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): string {
  const chosen = flag ?? presentEnv(env)['SITREP_CONFIG_DIR'];
  if (chosen) return resolve(cwd, chosen);
  const local = resolve(cwd, 'config');
  if (existsSync(join(local, 'feeds.yaml'))) return local;
  return join(packageRoot(), 'config');
}

/**
 * The folder to read one config file from: the chosen folder when it has the file, else the
 * folder shipped with Sitrep — so a config folder need only hold what it changes (e.g. feeds.yaml).
 */
export function configDirWith(configDir: string, file: string): string {
  if (existsSync(join(configDir, file))) return configDir;
  const packaged = join(packageRoot(), 'config');
  return existsSync(join(packaged, file)) ? packaged : configDir;
}

export interface SitrepConfig {
  configDir: string;
  settings: Settings;
  feeds: FeedDefinition[];
  env: Env;
}

function readEnv(env: Record<string, string | undefined>): { env?: Env; problems: ConfigProblem[] } {
  const parsed = envSchema.safeParse(presentEnv(env), { reportInput: true });
  if (parsed.success) return { env: parsed.data, problems: [] };
  // Never echo values of secret variables back into a terminal or a log.
  const problems = zodIssuesToProblems('environment', parsed.error.issues).map((problem) =>
    /TOKEN|SECRET/.test(problem.path) ? { ...problem, message: problem.message.replace(/, got .*$/, '') } : problem,
  );
  return { problems };
}

async function collect<T>(read: () => Promise<T>, problems: ConfigProblem[]): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ConfigError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}

/**
 * Loads and validates settings.yaml, feeds.yaml and the environment together, so a
 * person sees every problem at once. Precedence: defaults → config files → environment.
 */
export async function loadConfig(options: {
  configDir: string;
  env: Record<string, string | undefined>;
  cwd?: string;
}): Promise<SitrepConfig> {
  const cwd = options.cwd ?? process.cwd();
  const problems: ConfigProblem[] = [];
  if (!existsSync(options.configDir)) {
    throw new ConfigError([{ file: displayPath(options.configDir), path: '', message: 'config folder not found' }]);
  }
  const settingsFile = join(options.configDir, 'settings.yaml');
  const feedsFile = join(options.configDir, 'feeds.yaml');
  const settings = await collect(() => readYamlConfig(settingsFile, settingsSchema, { optional: true }), problems);
  const feedsDoc = await collect(() => readYamlConfig(feedsFile, feedsFileSchema), problems);
  const envResult = readEnv(options.env);
  problems.push(...envResult.problems);
  if (problems.length > 0 || !settings || !feedsDoc || !envResult.env) throw new ConfigError(problems);

  const env = envResult.env;
  const merged: Settings = {
    ...settings,
    contact: env.SITREP_CONTACT ?? settings.contact,
    store: { url: resolveStoreUrl(env.STORE_URL ?? settings.store.url, cwd) },
    fetch: {
      ...settings.fetch,
      allowPrivateNetworks: env.SITREP_ALLOW_PRIVATE_NETWORKS ?? settings.fetch.allowPrivateNetworks,
    },
  };
  const feeds: FeedDefinition[] = feedsDoc.feeds.map((feed) => ({
    id: feed.id,
    url: feed.url,
    title: feed.title,
    source: feed.source ?? feed.title ?? feed.id,
    intervalMinutes: feed.intervalMinutes ?? feedsDoc.defaults.intervalMinutes,
    language: feed.language ?? feedsDoc.defaults.language,
    regionHints: feed.regionHints,
    topicHints: feed.topicHints,
    enabled: feed.enabled,
    backfill: feed.backfill,
  }));
  return { configDir: options.configDir, settings: merged, feeds, env };
}

/** sqlite paths are relative to the working directory, like every other path a person types. */
function resolveStoreUrl(url: string, cwd: string): string {
  const match = /^sqlite:\/\/(.+)$/.exec(url);
  if (!match?.[1] || match[1] === ':memory:') return url;
  return `sqlite://${resolve(cwd, match[1])}`;
}
