import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runClusterCommand } from '../../../src/cli/commands/cluster.js';
import { captureIo } from './capture-io.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function runCluster(lines: string[], argv: string[] = []) {
  const captured = captureIo(repoRoot, { input: lines.join('\n') + '\n' });
  const code = await runClusterCommand(['--config', path.join(repoRoot, 'config'), ...argv], captured.io);
  const out = captured.out();
  const err = captured.err();
  const rows = out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id?: string; story?: string; error?: string });
  return { code, rows, err };
}

const item = (id: string, hours: number, title: string, summary: string, source = 'Wire') =>
  JSON.stringify({ id, title, summary, source, published: new Date(Date.UTC(2026, 4, 2, 4) + hours * 3_600_000).toISOString() });

const zamzam = [
  item('dabanga', 0, 'RSF storms Zamzam camp near El Fasher, dozens killed', 'Rapid Support Forces fighters stormed Zamzam camp for displaced people south of El Fasher at dawn, killing at least 40 residents, camp coordinators said.', 'Radio Dabanga'),
  item('reuters', 3, "Sudan's RSF attacks famine-hit displacement camp in Darfur, aid groups say", 'The paramilitary Rapid Support Forces launched a ground assault on the Zamzam camp in North Darfur, aid groups said, with reports of dozens of civilians killed.', 'Reuters'),
  item('un', 9, "Sudan: UN chief 'appalled' by assault on Zamzam displacement camp", 'Secretary-General Antonio Guterres said he was appalled by the attack on the Zamzam camp near El Fasher and urged the RSF to allow safe passage for civilians.', 'UN News'),
];
const unrelated = item('ecb', 5, 'ECB cuts rates again as trade war clouds outlook', 'The European Central Bank cut its deposit rate by 25 basis points to 2.00% on Thursday.', 'Reuters');

describe('sitrep cluster', () => {
  it('feed text as it came: markup and entities are read as text, a null summary is empty, a headline may be missing', async () => {
    const html = JSON.stringify({
      id: 'html',
      title: 'RSF storms Zamzam camp &amp; kills dozens',
      summary: '<p>Rapid Support Forces fighters <b>stormed</b> Zamzam camp near El Fasher at dawn, killing at least 40 residents.</p>',
      source: 'Feed',
      published: '2026-05-02T06:00:00Z',
    });
    const headlineOnly = JSON.stringify({ id: 'null-summary', title: "Sudan's RSF attacks Zamzam displacement camp near El Fasher", summary: null, source: 'Wire', published: '2026-05-02T07:00:00Z' });
    const summaryOnly = JSON.stringify({ id: 'no-headline', title: ' ', summary: 'RSF fighters overran Zamzam camp near El Fasher, residents said.', source: 'Wire', published: '2026-05-02T08:00:00Z' });
    const { rows } = await runCluster([zamzam[0] ?? '', html, headlineOnly, summaryOnly]);
    expect(rows.map((row) => row.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(rows.map((row) => row.story)).size).toBe(1);
  });

  it('CLI bad line → error object, rest continue', async () => {
    const { code, rows } = await runCluster([
      zamzam[0] ?? '',
      '{not json',
      JSON.stringify({ id: 'no-title', summary: 'x', source: 'Wire', published: '2026-05-02T05:00:00Z' }),
      JSON.stringify({ id: 'bad-time', title: 'A title', summary: 'x', source: 'Wire', published: 'last tuesday' }),
      zamzam[1] ?? '',
    ]);
    expect(code).toBe(0);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual({ error: 'not valid JSON' });
    expect(rows[2]).toMatchObject({ id: 'no-title', error: expect.stringContaining('title') });
    expect(rows[3]).toMatchObject({ id: 'bad-time', error: expect.stringContaining('published') });
    expect(rows[0]?.story).toBeDefined();
    expect(rows[4]).toEqual({ id: 'reuters', story: rows[0]?.story });
  });

  it('a bad field is named with what was expected', async () => {
    const line = (fields: Record<string, unknown>) => JSON.stringify({ id: 'x', title: 'T', summary: 'S', source: 'Wire', published: '2026-05-02T05:00:00Z', ...fields });
    const { rows } = await runCluster([
      line({ id: '' }),
      line({ title: undefined }),
      line({ summary: 5 }),
      line({ published: undefined }),
      line({ tags: 'World' }),
      line({ link: 7 }),
    ]);
    expect(rows.map((row) => row.error)).toEqual([
      'id: expected a non-empty string or a number',
      'title: expected a string (it may be empty when there is a summary)',
      'summary: expected a string, null or nothing',
      'published: expected an ISO 8601 time',
      'tags: expected a list of strings',
      'link: expected a string or null',
    ]);
  });

  it('items given out of order are clustered in published order; output keeps input order', async () => {
    const { rows } = await runCluster([zamzam[2] ?? '', unrelated, zamzam[1] ?? '', zamzam[0] ?? '']);
    expect(rows.map((row) => row.id)).toEqual(['un', 'ecb', 'reuters', 'dabanga']);
    // The story is named after its earliest report, whatever the input order.
    expect(new Set([rows[0]?.story, rows[2]?.story, rows[3]?.story])).toEqual(new Set(['story-dabanga']));
    expect(rows[1]?.story).toBe('story-ecb');
  });

  it('--window shorter than the gap splits the story', async () => {
    const { rows } = await runCluster([zamzam[0] ?? '', zamzam[2] ?? ''], ['--window', '4']);
    expect(rows[0]?.story).not.toBe(rows[1]?.story);
  });

  it('a bad --window value exits 1 with a message', async () => {
    const { code, err } = await runCluster([zamzam[0] ?? ''], ['--window', 'soon']);
    expect(code).toBe(1);
    expect(err).toContain('--window');
  });

  it('the same id twice is one report: both lines get its story', async () => {
    const { rows } = await runCluster([zamzam[0] ?? '', zamzam[0] ?? '', unrelated]);
    expect(rows).toEqual([
      { id: 'dabanga', story: 'story-dabanga' },
      { id: 'dabanga', story: 'story-dabanga' },
      { id: 'ecb', story: 'story-ecb' },
    ]);
  });

  it('stories merged later in the stream take their earlier items along: output is the final grouping', async () => {
    const { rows } = await runCluster([
      item('bbc-cali', 0, 'In shattered Cali, residents search for loved ones', 'Families wait outside collapsed apartment towers in the Colombian city of Cali.', 'BBC'),
      item('ap-quake', 1, 'Magnitude 7.4 earthquake strikes western Colombia', 'The quake was felt across the Valle del Cauca region, seismologists said.', 'AP'),
      item('reuters-quake', 3, 'Colombia earthquake: rescuers search collapsed towers in Cali', 'Rescuers in Cali searched collapsed apartment towers for survivors after the magnitude 7.4 earthquake struck western Colombia.', 'Reuters'),
    ]);
    expect(rows.map((row) => row.story)).toEqual(['story-bbc-cali', 'story-bbc-cali', 'story-bbc-cali']);
  });

  it('posts of one live page join by their link, or by a URL in the id when the link is missing', async () => {
    const page = 'https://www.example-news.com/live/2026/05/02/world/cyclone-landfall';
    const post = (id: string, hours: number, title: string, summary: string, link?: string) =>
      JSON.stringify({ id, title, summary, source: 'Example News', published: new Date(Date.UTC(2026, 4, 2, 4) + hours * 3_600_000).toISOString(), ...(link ? { link } : {}) });
    const posts = (idOf: (slug: string) => string, linkOf: (slug: string) => string | undefined) => [
      post(idOf('landfall'), 0, 'Cyclone makes landfall near Khulna', 'The storm came ashore with winds of 180 km/h.', linkOf('landfall')),
      post(idOf('latest'), 1, 'Here’s the latest.', 'What we know so far.', linkOf('latest')),
      post(idOf('shelters'), 2, 'Inside a shelter where 2,000 families wait out the night', 'Volunteers hand out rice and water by torchlight.', linkOf('shelters')),
    ];
    const byLink = await runCluster(posts((slug) => `post-${slug}`, (slug) => `${page}/${slug}`));
    expect(new Set(byLink.rows.map((row) => row.story)).size).toBe(1);
    const byUrlId = await runCluster(posts((slug) => `${page}/${slug}`, () => undefined));
    expect(new Set(byUrlId.rows.map((row) => row.story)).size).toBe(1);
    const byPrefixedUrlId = await runCluster(posts((slug) => `example:${page}/${slug}`, () => undefined));
    expect(new Set(byPrefixedUrlId.rows.map((row) => row.story)).size).toBe(1);
    const neither = await runCluster(posts((slug) => `post-${slug}`, () => undefined));
    expect(new Set(neither.rows.map((row) => row.story)).size).toBe(3);
  });

  it('items without a source are not taken for one feed: they join as they would from two outlets', async () => {
    const election = [
      item('daily-star', 0, 'BNP wins two-thirds majority in national election', "DHAKA: The Bangladesh Nationalist Party won more than 200 of the 300 seats in Thursday's parliamentary election, unofficial results compiled by the Election Commission showed.", 'The Daily Star'),
      item('reuters', 3, "Bangladesh Nationalist Party sweeps first election since Hasina's fall", 'DHAKA (Reuters) - The BNP won a landslide in Bangladesh\'s first election since a student-led uprising toppled Sheikh Hasina, setting Tarique Rahman on course to become prime minister.', 'Reuters'),
    ];
    const withoutSources = election.map((line) => {
      const { source: _source, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
    expect((await runCluster(election)).rows).toEqual([
      { id: 'daily-star', story: 'story-daily-star' },
      { id: 'reuters', story: 'story-daily-star' },
    ]);
    expect((await runCluster(withoutSources)).rows).toEqual([
      { id: 'daily-star', story: 'story-daily-star' },
      { id: 'reuters', story: 'story-daily-star' },
    ]);
  });

  it('blank lines produce no output', async () => {
    const { rows } = await runCluster(['', zamzam[0] ?? '', '   ']);
    expect(rows).toEqual([{ id: 'dabanga', story: 'story-dabanga' }]);
  });
});
