import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFeedBody } from '../../../src/feeds/decode-body.js';
import { parseFeed, type ParsedFeed } from '../../../src/feeds/parse-feed.js';

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/feeds');

/** A fixture file's decoded text. */
export function fixtureText(name: string): string {
  return decodeFeedBody(readFileSync(path.join(fixturesDir, name)), null).text;
}

/** Parses a fixture and fails loudly when it does not parse, so tests read as statements. */
export async function parsedFixture(name: string): Promise<ParsedFeed> {
  const outcome = await parseFeed(fixtureText(name));
  if (!outcome.ok) throw new Error(`${name} did not parse: ${outcome.message}`);
  return outcome.feed;
}
