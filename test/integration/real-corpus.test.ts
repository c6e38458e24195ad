import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/domain/feed-item.js';
import { decodeFeedBody } from '../../src/feeds/decode-body.js';
import { normalizeItems } from '../../src/feeds/normalize-items.js';
import { parseFeed, type ParseOutcome } from '../../src/feeds/parse-feed.js';

/**
 * Every real publisher file in ../shared/feeds/real goes through decode → parse → normalize
 * and must yield the item count its MANIFEST.md row gives (read from the table at test time);
 * the truncated document must be a clean feed/parse error. The files are read, never copied.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = path.resolve(repoRoot, '../shared/feeds/real');
const corpusPresent = existsSync(path.join(corpusDir, 'MANIFEST.md'));
if (!corpusPresent) console.warn(`real-corpus tests skipped: no corpus at ${corpusDir} (MANIFEST.md missing)`);

const fetchedAt = new Date('2026-09-01T00:00:00Z');
const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** File name → Items column, from every markdown table in MANIFEST.md that has both columns. */
function manifestCounts(markdown: string): Map<string, number> {
  const counts = new Map<string, number>();
  let itemsColumn = -1;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      itemsColumn = -1;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells[0] === 'File') {
      itemsColumn = cells.indexOf('Items');
      continue;
    }
    const file = /`([^`]+)`/.exec(cells[0] ?? '')?.[1];
    const items = Number.parseInt(cells[itemsColumn] ?? '', 10);
    if (itemsColumn >= 0 && file !== undefined && Number.isInteger(items)) counts.set(file, items);
  }
  return counts;
}

interface CorpusResult {
  decodedText: string;
  outcome: ParseOutcome;
  items: FeedItem[];
}

const results = new Map<string, CorpusResult>();

async function run(file: string): Promise<CorpusResult> {
  const cached = results.get(file);
  if (cached) return cached;
  const decoded = decodeFeedBody(readFileSync(path.join(corpusDir, file)), null);
  const outcome = await parseFeed(decoded.text);
  const items = outcome.ok
    ? normalizeItems(outcome.feed, { feedId: file, feedUrl: `https://feeds.example.invalid/${file}`, language: null, fetchedAt })
    : [];
  const result = { decodedText: decoded.text, outcome, items };
  results.set(file, result);
  return result;
}

function find(prefix: string): string {
  const file = readdirSync(corpusDir).find((name) => name.startsWith(prefix));
  if (file === undefined) throw new Error(`no corpus file starting with ${prefix}`);
  return file;
}

async function itemsOf(prefix: string): Promise<FeedItem[]> {
  return (await run(find(prefix))).items;
}

const countU = (text: string, char: string): number => text.split(char).length - 1;

describe.skipIf(!corpusPresent)('real corpus: every file yields its MANIFEST item count', () => {
  const counts = corpusPresent ? manifestCounts(readFileSync(path.join(corpusDir, 'MANIFEST.md'), 'utf8')) : new Map<string, number>();
  const files = corpusPresent ? readdirSync(corpusDir).filter((name) => name !== 'MANIFEST.md').sort() : [];

  it('MANIFEST.md lists every data file and nothing else', () => {
    expect([...counts.keys()].sort()).toEqual(files);
  });

  it.each(files)('%s', async (file) => {
    const expected = counts.get(file);
    const { outcome, items } = await run(file);
    if (file.includes('truncated')) {
      expect(expected).toBe(0);
      expect(outcome).toMatchObject({ ok: false, code: 'feed/parse' });
      return;
    }
    if (!outcome.ok) throw new Error(`${file}: ${outcome.message}`);
    expect(outcome.feed.items).toHaveLength(expected ?? -1);
    expect(items).toHaveLength(expected ?? -1);
    for (const item of items) {
      expect(item.published).toMatch(isoUtc);
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.title).not.toMatch(/^\s|\s$|\s{2}|\n/);
      expect(item.id).toMatch(/^[0-9a-f]{16}$/);
      if (item.link !== null) expect(item.link).toMatch(/^https?:\/\/[^\s#]+$/);
      // Clean text: no markup or undecoded references survive normalizing.
      expect(`${item.title} ${item.summary}`).not.toMatch(/<\/?[a-z][a-z0-9]*[\s/>]|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i);
    }
  });
});

describe.skipIf(!corpusPresent)('real corpus: quirks come out right', () => {
  it('the truncated Reuters "Most Read" document is feed/parse and keeps its channel', async () => {
    const { outcome } = await run(find('reuters-most-read'));
    expect(outcome).toMatchObject({
      ok: false,
      code: 'feed/parse',
      channel: { title: 'Reuters: Most Read Articles', link: 'https://www.reuters.com' },
    });
    if (!outcome.ok) expect(outcome.message).toMatch(/^the document is truncated: <rss> is never closed/);
  });

  it('no U+FFFD appears except the 138 Prothom Alo already carried', async () => {
    for (const file of readdirSync(corpusDir).filter((name) => name !== 'MANIFEST.md')) {
      const { decodedText } = await run(file);
      expect(countU(decodedText, '\ufffd'), file).toBe(file.startsWith('prothomalo') ? 138 : 0);
    }
  });

  it('undeclared Latin-1 (UOL) decodes Portuguese accents and reads Portuguese dates', async () => {
    const items = await itemsOf('uol-noticias');
    const text = items.map((item) => `${item.title} ${item.summary}`).join(' ');
    expect(text).toContain('simulações');
    expect(text).toContain('intenção');
    expect(countU(text, 'ã')).toBeGreaterThan(5);
    expect(countU(text, 'ç')).toBeGreaterThan(5);
    expect(items[0]?.published).toBe('2018-09-24T22:42:40.000Z');
  });

  it('declared ISO-8859-1 (Jornal de Notícias, Diputación de Valencia) decodes correctly', async () => {
    const jn = await run(find('jornal-de-noticias'));
    expect(jn.outcome.ok && jn.outcome.feed.title).toBe('Jornal de Notícias - Últimas Notícias');
    expect(jn.items[0]?.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
    const [dival] = await itemsOf('dival-es');
    expect(dival?.title).toContain('TÉCNICO/A');
    expect(dival?.summary).toContain('Descárguelo aquí');
    expect(dival).toMatchObject({ link: null, guid: null, published: fetchedAt.toISOString() });
  });

  it('BBC links are canonical (no at_medium/at_campaign) and poll 2 contains every poll 1 item', async () => {
    const first = await itemsOf('bbc-world-2026-08-13-poll1');
    const second = await itemsOf('bbc-world-2026-08-13-poll2');
    for (const item of [...first, ...second]) expect(item.link).not.toMatch(/at_medium|at_campaign/);
    const secondIds = new Set(second.map((item) => item.id));
    expect(first.every((item) => secondIds.has(item.id))).toBe(true);
  });

  it('Al Jazeera links lose traffic_source; the two polls share exactly one item', async () => {
    const first = await itemsOf('aljazeera-all-2026-08-13-poll1');
    const second = await itemsOf('aljazeera-all-2026-08-13-poll2');
    for (const item of [...first, ...second]) expect(item.link).not.toContain('traffic_source');
    const secondIds = new Set(second.map((item) => item.id));
    expect(first.filter((item) => secondIds.has(item.id))).toHaveLength(1);
  });

  it('NYT keeps its taxonomy as sourceTags, and the 9 stories in both NYT feeds share ids', async () => {
    const world = await itemsOf('nyt-world');
    const home = await itemsOf('nyt-homepage');
    expect(world.filter((item) => item.sourceTags.length > 0)).toHaveLength(46);
    expect(home.every((item) => item.sourceTags.length > 0)).toBe(true);
    expect(world.some((item) => item.sourceTags.includes('Russian Invasion of Ukraine (2022)'))).toBe(true);
    const homeIds = new Set(home.map((item) => item.id));
    expect(world.filter((item) => homeIds.has(item.id))).toHaveLength(9);
  });

  it('Google News keeps its cluster text; Bing News links unwrap to the publisher', async () => {
    const [google] = await itemsOf('google-news');
    expect(google?.title).toMatch(/- RTBF$/);
    expect(google?.link).toMatch(/^https:\/\/news\.google\.com\//);
    expect(google?.language).toBe('fr');
    const [bing] = await itemsOf('bing-news');
    expect(bing?.link).toMatch(/^https:\/\/www\.dailymail\.co\.uk\/sport\/football\/article-9554407\//);
    expect(bing?.title).toBe("Real Madrid, Barcelona and Juventus 'threaten clubs withdrawing from Super League with legal action'");
  });

  it('non-English and non-RFC dates parse: Italian, Hindi-site English, Russian ISO-ish', async () => {
    expect((await itemsOf('ilmessaggero'))[0]?.published).toBe('2022-11-15T23:38:15.000Z');
    expect((await itemsOf('news18-hindi'))[0]?.published).toBe('2021-01-29T16:42:00.000Z');
    const aif = await run(find('aif-ru'));
    expect(aif.items[0]?.published).toMatch(/^2019-05-18T/);
  });

  it('India Today: whitespace inside CDATA links is trimmed and utm_source dropped', async () => {
    for (const item of await itemsOf('indiatoday')) {
      expect(item.link).toMatch(/^https:\/\/www\.(?:indiatoday|aajtak)\.in\/\S+$/);
      expect(item.link).not.toContain('utm_');
    }
  });

  it('FeedBurner (Reuters 2018): origLink wins, feedflare is gone, categories kept', async () => {
    const items = await itemsOf('reuters-worldnews-feedburner');
    for (const item of items) {
      expect(item.link).not.toContain('feedproxy');
      expect(item.link).not.toContain('/~r/');
      expect(item.summary).not.toMatch(/feedflare|Share on/i);
      expect(item.sourceTags).toContain('worldNews');
    }
  });

  it('Braingle: two guid elements and no link still make one linked item', async () => {
    const [item] = await itemsOf('braingle');
    expect(item).toMatchObject({ guid: 'http://www.braingle.com/50366.html', link: 'http://www.braingle.com/50366.html' });
    expect(item?.summary).toContain("What's the Rebus?");
  });

  it('raw HTML elements inside <description> (Lucasdelirium) read in order', async () => {
    const [item] = await itemsOf('lucasdelirium');
    expect(item?.summary).toContain("L'Ordine dei Giganti: è arrivato il DLC di Indy - Keeper, ultimo giro");
    expect(item?.summary).toContain('Ron Gilbert si concentra su Death By Scrolling, pausa');
  });

  it('Atom xhtml content (Planet GNOME) keeps link text in its sentence', async () => {
    const [item] = await itemsOf('planet-gnome');
    expect(item?.summary.startsWith('This is a follow up from the kernel support for high-resolution wheel scrolling which you')).toBe(true);
    expect(item?.published).toBe('2020-04-04T04:00:00.000Z');
  });

  it('JSON Feed with RFC 822 dates and a double-escaped title', async () => {
    const parsed = (await run(find('influxdata'))).outcome;
    expect(parsed.ok && parsed.feed.format).toBe('json');
    const [first] = await itemsOf('influxdata');
    expect(first?.published).toBe('2019-05-31T19:17:58.000Z');
    expect(first?.title).toBe('InfluxDB vs. Graphite for Time Series Data & Metrics Benchmark');
  });

  it('UN News: titles with stray spaces are trimmed, &#039; decoded, links absolute', async () => {
    for (const item of await itemsOf('un-news-europe')) {
      expect(item.link).toMatch(/^https:\/\/news\.un\.org\//);
      expect(item.language).toBe('en');
    }
  });
});
