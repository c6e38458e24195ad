import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParseCommand } from '../../../src/cli/commands/parse.js';
import { startFeedServer, type FeedServer } from '../../emulators/feed-server.js';
import { fixtureText } from '../feeds/feed-fixtures.js';
import { captureIo } from './capture-io.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = 'test/fixtures/feeds';

async function parse(argv: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<{ code: number; out: string; err: string }> {
  const captured = captureIo(repoRoot, { env, ...(input === undefined ? {} : { input }) });
  const code = await runParseCommand(argv, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}

describe('sitrep parse (stable contract)', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/feed.xml', { body: fixtureText('bare-ampersands-rss2.xml'), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('--json prints one object per item with exactly the documented fields', async () => {
    const { code, out } = await parse([`${fixtures}/cdata-html-rss2.xml`, '--json']);
    expect(code).toBe(0);
    const items = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['feedId', 'id', 'language', 'link', 'published', 'sourceTags', 'summary', 'title']);
      expect(item['feedId']).toBe('cdata-html-rss2');
      expect(Number.isFinite(Date.parse(String(item['published'])))).toBe(true);
    }
    expect(items[0]?.['title']).toBe('Ceasefire talks resume in Doha – envoys');
  });

  it('without --json, a readable listing headed by the feed title and item count', async () => {
    const { code, out } = await parse([`${fixtures}/bare-ampersands-rss2.xml`]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Sitrep Fixture: Markets & Politics: 2 items');
    expect(out).toContain('• AT&T and Verizon fined over location data');
  });

  it('"-" reads the feed from stdin', async () => {
    const { code, out } = await parse(['-', '--json'], {}, fixtureText('prefixed-atom.xml'));
    expect(code).toBe(0);
    expect(JSON.parse(out.trim())).toMatchObject({ feedId: 'stdin', title: 'Envoys meet in Geneva on a truce for the north' });
  });

  it('a feed that is not a feed, or a missing file, exits 1 with the reason', async () => {
    const notFeed = await parse([`${fixtures}/not-a-feed.html`]);
    expect(notFeed.code).toBe(1);
    expect(notFeed.err).toMatch(/^sitrep parse: feed\/parse: not a feed/);
    const missing = await parse([`${fixtures}/no-such-file.xml`]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read .*no-such-file\.xml/);
  });

  it('bad arguments exit 2 with the usage; --help exits 0', async () => {
    expect((await parse([])).code).toBe(2);
    expect((await parse(['a.xml', 'b.xml'])).code).toBe(2);
    const unknown = await parse(['a.xml', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Usage: sitrep parse');
    const help = await parse(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: sitrep parse');
  });

  it('a URL on this machine is refused with the way to allow it, and read once allowed', async () => {
    const refused = await parse([server.url('/feed.xml')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('feed/private-address');
    expect(refused.err).toContain('SITREP_ALLOW_PRIVATE_NETWORKS=true');
    const allowed = await parse([server.url('/feed.xml'), '--json'], { SITREP_ALLOW_PRIVATE_NETWORKS: 'true' });
    expect(allowed.code).toBe(0);
    const first = JSON.parse(allowed.out.split('\n')[0] ?? '{}') as { feedId: string; link: string };
    // Tracking parameters are dropped from the canonical link.
    expect(first).toMatchObject({ feedId: '127.0.0.1', link: 'https://wire.example.org/story?id=41' });
  });
});
