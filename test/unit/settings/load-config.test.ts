import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/settings/config-error.js';
import { loadConfig } from '../../../src/settings/load-config.js';
import { scratchDir } from '../../helpers/scratch-dir.js';

async function configDir(files: Record<string, string>): Promise<string> {
  const dir = scratchDir('sitrep-config-');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('the shipped config/ loads with every feed enabled by default', async () => {
    const config = await loadConfig({ configDir: resolve('config'), env: {} });
    expect(config.feeds.length).toBeGreaterThanOrEqual(20);
    expect(config.settings.fetch.maxBytes).toBe(5 * 1024 * 1024);
    expect(config.settings.store.url).toMatch(/^sqlite:\/\/\//);
    expect(new Set(config.feeds.map((feed) => feed.id)).size).toBe(config.feeds.length);
  });

  it('an ftp URL is reported with file, path, expectation and the value found', async () => {
    const dir = await configDir({
      'feeds.yaml': 'feeds:\n  - id: a\n    url: https://example.org/a.xml\n  - id: b\n    url: ftp://example.org/b.xml\n',
    });
    const problems = await problemsOf(loadConfig({ configDir: dir, env: {} }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/feeds\.yaml → feeds\[1\]\.url: expected an http\(s\) URL, got "ftp:\/\/example\.org\/b\.xml"$/);
  });

  it('every problem in every file is listed at once, not the first only', async () => {
    const dir = await configDir({
      'feeds.yaml': 'feeds:\n  - id: Bad Id\n    url: nope\n    intervalMinutes: 0\n  - id: dup\n    url: https://x.org/\n  - id: dup\n    url: https://y.org/\n',
      'settings.yaml': 'fetch:\n  maxBytes: -1\n  colour: blue\n',
    });
    const problems = await problemsOf(loadConfig({ configDir: dir, env: { STORE_URL: 'mysql://x' } }));
    const text = problems.join('\n');
    expect(text).toMatch(/settings\.yaml → fetch\.maxBytes: expected a positive number, got -1/);
    expect(text).toMatch(/settings\.yaml → fetch: Unrecognized key.*colour/);
    expect(text).toMatch(/feeds\.yaml → feeds\[0\]\.id: expected a short slug/);
    expect(text).toMatch(/feeds\.yaml → feeds\[0\]\.url: expected an http\(s\) URL, got "nope"/);
    expect(text).toMatch(/feeds\.yaml → feeds\[0\]\.intervalMinutes: expected at least 1 minute, got 0/);
    expect(text).toMatch(/feeds\.yaml → feeds\[2\]\.id: duplicate feed id "dup" \(first used at feeds\[1\]\)/);
  });

  it('broken YAML is a config problem, not a stack trace', async () => {
    const dir = await configDir({ 'feeds.yaml': 'feeds:\n  - id: a\n   url: [unclosed\n' });
    const problems = await problemsOf(loadConfig({ configDir: dir, env: {} }));
    expect(problems[0]).toMatch(/feeds\.yaml: not valid YAML/);
  });

  it('environment overrides settings and blank variables count as unset', async () => {
    const dir = await configDir({ 'feeds.yaml': 'feeds: []\n', 'settings.yaml': 'store:\n  url: memory://\n' });
    const config = await loadConfig({
      configDir: dir,
      env: { SITREP_ALLOW_PRIVATE_NETWORKS: 'true', STORE_URL: 'redis://127.0.0.1:6379', DISCORD_TOKEN: '' },
    });
    expect(config.settings.fetch.allowPrivateNetworks).toBe(true);
    expect(config.settings.store.url).toBe('redis://127.0.0.1:6379');
    expect(config.env.DISCORD_TOKEN).toBeUndefined();
  });

  it('a bad secret variable is reported without echoing its value', async () => {
    const dir = await configDir({ 'feeds.yaml': 'feeds: []\n' });
    const problems = await problemsOf(
      loadConfig({ configDir: dir, env: { SLACK_MODE: 'carrier-pigeon', DISCORD_APPLICATION_ID: 'abc' } }),
    );
    expect(problems.join('\n')).toMatch(/environment → SLACK_MODE/);
    expect(problems.join('\n')).toMatch(/environment → DISCORD_APPLICATION_ID: expected a numeric application id/);
  });
});

describe('a config folder holding only what it changes', () => {
  it('topics, places and actors come from the shipped config/ when the folder has only feeds.yaml', async () => {
    const { loadIntel } = await import('../../../src/intel/annotate-item.js');
    const dir = await configDir({ 'feeds.yaml': 'feeds: []\n' });
    const intel = await loadIntel(dir);
    expect(intel.topics.topics.map((topic) => topic.id)).toContain('diplomacy');
    expect(intel.places.countries.length).toBeGreaterThan(190);
  });

  it('a topics.yaml in the folder wins over the shipped one', async () => {
    const { loadIntel } = await import('../../../src/intel/annotate-item.js');
    const dir = await configDir({
      'feeds.yaml': 'feeds: []\n',
      'topics.yaml': 'topics:\n  - id: sport\n    label: Sport\n    definition: games\n    terms: { football: 3 }\n',
    });
    const intel = await loadIntel(dir);
    expect(intel.topics.topics.map((topic) => topic.id)).toEqual(['sport']);
  });
});
