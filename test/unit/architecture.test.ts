import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of docs/architecture.md, enforced: a pure stage that starts
 * importing an SDK or the store fails here, not in review.
 */
const srcDir = join(process.cwd(), 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) specifiers.push(match[1] ?? '');
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(match[1] ?? '');
  return specifiers;
}

const files = sourceFiles(srcDir).map((path) => ({ path: relative(srcDir, path).split(sep).join('/'), imports: importsOf(path) }));

function violations(filter: (path: string) => boolean, forbidden: (specifier: string) => boolean): string[] {
  return files
    .filter((file) => filter(file.path))
    .flatMap((file) => file.imports.filter(forbidden).map((specifier) => `${file.path} imports ${specifier}`));
}

const isPure = (path: string) => path.startsWith('feeds/') || path.startsWith('intel/') || path.startsWith('domain/');

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('only src/adapters/discord imports discord.js', () => {
    expect(violations((p) => !p.startsWith('adapters/discord/'), (s) => s === 'discord.js' || s.startsWith('@discordjs/'))).toEqual([]);
  });

  it('only src/adapters/slack imports @slack/*', () => {
    expect(violations((p) => !p.startsWith('adapters/slack/'), (s) => s.startsWith('@slack/'))).toEqual([]);
  });

  it('pure stages (feeds, intel, domain) import no adapter, store, SDK or scheduler', () => {
    const forbidden = (s: string) =>
      /(^|\/)(adapters|store|delivery|commands|cli)\//.test(s) || /^(keyv|@keyv\/|node-cron|discord\.js|@slack\/|ws$)/.test(s);
    expect(violations(isPure, forbidden)).toEqual([]);
  });

  it('nothing outside the settings loader and the CLI reads process.env', () => {
    const readers = files
      .filter((file) => !file.path.startsWith('cli/') && !file.path.startsWith('settings/'))
      .filter((file) => /process\.env\b/.test(readFileSync(join(srcDir, file.path), 'utf8')))
      .map((file) => file.path);
    expect(readers).toEqual([]);
  });
});
