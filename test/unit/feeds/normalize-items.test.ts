import { describe, expect, it } from 'vitest';
import { normalizeItems, type NormalizeContext } from '../../../src/feeds/normalize-items.js';
import type { ParsedFeed, RawFeedItem } from '../../../src/feeds/parse-feed.js';
import { parsedFixture } from './feed-fixtures.js';

const fetchedAt = new Date('2026-08-12T10:00:00Z');
const context = (overrides: Partial<NormalizeContext> = {}): NormalizeContext => ({
  feedId: 'fixture',
  feedUrl: 'https://feeds.example.org/fixture.xml',
  language: null,
  fetchedAt,
  ...overrides,
});

function rawItem(overrides: Partial<RawFeedItem> = {}): RawFeedItem {
  return { guid: null, link: null, title: 'Title', descriptionHtml: null, contentHtml: null, date: null, categories: [], author: null, ...overrides };
}

function feedOf(items: RawFeedItem[], overrides: Partial<ParsedFeed> = {}): ParsedFeed {
  return { format: 'rss', title: 'Feed', link: 'https://example.org/', selfLink: null, language: null, updated: null, items, ...overrides };
}

describe('normalizeItems: text', () => {
  it('CDATA HTML becomes clean text: scripts, styles, images gone, entities decoded, "appeared first on" trimmed', async () => {
    const [item] = normalizeItems(await parsedFixture('cdata-html-rss2.xml'), context());
    expect(item?.title).toBe('Ceasefire talks resume in Doha – envoys');
    expect(item?.summary).toBe('Envoys met for a third day in Doha.\nBoth sides said “progress” was made…');
  });

  it('FeedBurner feedflare, the tracking pixel and "Continue reading…" leave the summary', async () => {
    const [, item] = normalizeItems(await parsedFixture('cdata-html-rss2.xml'), context());
    expect(item?.summary).toBe('Forty trucks crossed at dawn, officials said.');
  });

  it('a trailing "[…]" is trimmed and the description wins over content:encoded', async () => {
    const [, , item] = normalizeItems(await parsedFixture('cdata-html-rss2.xml'), context());
    expect(item?.summary).toBe('The Security Council adopted the text by 13 votes to none, with two abstentions.');
  });

  it('an empty description falls back to the content', () => {
    const [item] = normalizeItems(feedOf([rawItem({ descriptionHtml: '<img src="x">', contentHtml: '<p>Body text</p>' })]), context());
    expect(item?.summary).toBe('Body text');
  });

  it('an item without a title gets a headline clipped from its summary', async () => {
    const items = normalizeItems(await parsedFixture('missing-fields-rss2.xml'), context());
    const untitled = items.find((item) => item.guid === 'gaps-3');
    expect(untitled?.title.startsWith('An item with a description but no title')).toBe(true);
    expect(untitled?.title.length).toBeLessThanOrEqual(141);
  });

  it("an untitled item's headline is its first sentence when that is short enough, abbreviations included", () => {
    const items = normalizeItems(
      feedOf([
        rawItem({ title: null, link: 'https://e.example/1', descriptionHtml: '<p>Floods displace 10,000 in Assam.</p><p>More rain is due on Friday.</p>' }),
        rawItem({ title: null, link: 'https://e.example/2', descriptionHtml: 'The U.S. and Iran resume talks in Oman. Both sides sent envoys.' }),
        rawItem({ title: null, link: 'https://e.example/3', descriptionHtml: `${'A very long opening sentence that goes on '.repeat(5)}and on.` }),
      ]),
      context(),
    );
    expect(items.map((item) => item.title)).toEqual([
      'Floods displace 10,000 in Assam.',
      'The U.S. and Iran resume talks in Oman.',
      expect.stringMatching(/^A very long opening sentence .{80,}…$/),
    ]);
    expect(items[2]?.title.length).toBeLessThanOrEqual(141);
  });

  it('titles broken over several lines are folded to one', () => {
    const [item] = normalizeItems(feedOf([rawItem({ title: "Real Madrid, Barcelona 'threaten clubs\n                with legal action'\n  " })]), context());
    expect(item?.title).toBe("Real Madrid, Barcelona 'threaten clubs with legal action'");
  });

  it('an empty <item> (no title, text or link) is dropped', async () => {
    const items = normalizeItems(await parsedFixture('missing-fields-rss2.xml'), context());
    expect(items).toHaveLength(5);
  });

  it('a huge summary is clipped at a word boundary', () => {
    const [item] = normalizeItems(feedOf([rawItem({ descriptionHtml: '<p>word </p>'.repeat(5000) })]), context());
    expect(item?.summary.length).toBeLessThanOrEqual(4001);
    expect(item?.summary.endsWith('word…')).toBe(true);
  });
});

describe('normalizeItems: links', () => {
  it('canonical links drop trackers and fragments, keep real parameters', async () => {
    const [item] = normalizeItems(await parsedFixture('cdata-html-rss2.xml'), context());
    expect(item?.link).toBe('https://wire.example.org/world/ceasefire-talks?id=42');
  });

  it('CDATA padding, upper-case host and BBC trackers are cleaned', async () => {
    const items = normalizeItems(await parsedFixture('relative-links-rss2.xml'), context());
    expect(items[2]?.link).toBe('https://wire.example.org/World/Story?page=2');
    expect(items[3]?.link).toBe('https://wire.example.org/world/original-story');
  });

  it('a feed read from a file resolves relative links against its absolute self link', async () => {
    const feed = await parsedFixture('relative-links-self-link-rss2.xml');
    expect(feed.selfLink).toBe('https://games.example.org/en/news/rss');
    const [fromFile] = normalizeItems(feed, context({ feedUrl: 'file:///tmp/saved-feed.xml' }));
    expect(fromFile?.link).toBe('https://games.example.org/en/news/detail/1074-winter-update');
    // Fetched over HTTP, the URL it came from is the base, whatever the feed claims.
    const [fetched] = normalizeItems(feed, context({ feedUrl: 'https://mirror.example.net/feeds/games.xml' }));
    expect(fetched?.link).toBe('https://mirror.example.net/en/news/detail/1074-winter-update');
  });

  it('relative links resolve against the channel link, then the feed URL', async () => {
    const [item] = normalizeItems(await parsedFixture('relative-links-no-base-rss2.xml'), context());
    expect(item?.link).toBe('https://feeds.example.org/news/2026/root-relative');
    const [viaChannel] = normalizeItems(feedOf([rawItem({ link: 'story/1' })], { link: 'https://example.org/world/' }), context());
    expect(viaChannel?.link).toBe('https://example.org/world/story/1');
  });
});

describe('normalizeItems: dates', () => {
  it('item dates become UTC ISO 8601', async () => {
    const [item] = normalizeItems(await parsedFixture('cdata-html-rss2.xml'), context());
    expect(item?.published).toBe('2026-08-12T05:15:00.000Z');
  });

  it('an item without a date takes the feed date; a future date is clamped to the fetch time', async () => {
    const items = normalizeItems(await parsedFixture('missing-fields-rss2.xml'), context());
    const byTitle = new Map(items.map((item) => [item.title, item]));
    expect(byTitle.get('No link, no guid, no date')?.published).toBe('2026-08-11T12:00:00.000Z');
    expect(byTitle.get('Dated in the future')?.published).toBe(fetchedAt.toISOString());
    expect(byTitle.get('Unreadable date')?.published).toBe('2026-08-11T12:00:00.000Z');
  });

  it('with neither item nor feed date the fetch time is used', () => {
    const [item] = normalizeItems(feedOf([rawItem()]), context());
    expect(item?.published).toBe(fetchedAt.toISOString());
  });

  it('a feed date in the future is not used as a fallback', () => {
    const [item] = normalizeItems(feedOf([rawItem()], { updated: 'Fri, 01 Jan 2100 00:00:00 GMT' }), context());
    expect(item?.published).toBe(fetchedAt.toISOString());
  });
});

describe('normalizeItems: tags, language, ids', () => {
  it('categories become sourceTags: trimmed, deduplicated case-insensitively, text not domain', async () => {
    const [item] = normalizeItems(await parsedFixture('cdata-html-rss2.xml'), context());
    expect(item?.sourceTags).toEqual(['Diplomacy', 'Middle East']);
  });

  it('language comes from the feed (BCP 47 casing), else from the configuration', async () => {
    const [fromFeed] = normalizeItems(await parsedFixture('cdata-html-rss2.xml'), context({ language: 'fr' }));
    expect(fromFeed?.language).toBe('en-GB');
    const [fromConfig] = normalizeItems(feedOf([rawItem()]), context({ language: 'pt_br' }));
    expect(fromConfig?.language).toBe('pt-BR');
    const [unknown] = normalizeItems(feedOf([rawItem()], { language: 'not a language' }), context());
    expect(unknown?.language).toBeNull();
  });

  it('ids are 16 hex digits and stable across runs and fetch times', async () => {
    const feed = await parsedFixture('cdata-html-rss2.xml');
    const first = normalizeItems(feed, context()).map((item) => item.id);
    const later = normalizeItems(feed, context({ fetchedAt: new Date('2027-01-01T00:00:00Z') })).map((item) => item.id);
    expect(first).toEqual(later);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(first).size).toBe(first.length);
  });

  it('one story in two feeds of one publisher (same canonical link) gets one id', () => {
    const world = normalizeItems(feedOf([rawItem({ link: 'https://news.example.org/a?utm_source=world', guid: 'w-1' })]), context({ feedId: 'world' }));
    const home = normalizeItems(feedOf([rawItem({ link: 'https://NEWS.example.org/a#top', guid: 'h-9' })]), context({ feedId: 'home' }));
    expect(world[0]?.id).toBe(home[0]?.id);
  });

  it("posts that share a page and differ by their anchor keep their own ids; tracking and navigation fragments don't count", () => {
    const posts = normalizeItems(
      feedOf([
        rawItem({ title: null, descriptionHtml: 'First post of the day.', link: 'https://blog.example.org/2002/09/29#When:6:56:02PM', guid: 'https://blog.example.org/2002/09/29#When:6:56:02PM' }),
        rawItem({ title: null, descriptionHtml: 'Second post of the day.', link: 'https://blog.example.org/2002/09/29#When:12:59:01PM' }),
      ]),
      context(),
    );
    expect(new Set(posts.map((item) => item.id)).size).toBe(2);
    expect(posts.map((item) => item.link)).toEqual(['https://blog.example.org/2002/09/29', 'https://blog.example.org/2002/09/29']);
    const tracked = normalizeItems(feedOf([rawItem({ link: 'https://news.example.org/a#xtor=RSS-3' })]), context({ feedId: 'x' }));
    const plain = normalizeItems(feedOf([rawItem({ link: 'https://news.example.org/a' })]), context({ feedId: 'y' }));
    expect(tracked[0]?.id).toBe(plain[0]?.id);
  });

  it('without a link the id comes from feed + guid, so equal guids in different feeds differ', () => {
    const a = normalizeItems(feedOf([rawItem({ guid: '123' })]), context({ feedId: 'a' }));
    const b = normalizeItems(feedOf([rawItem({ guid: '123' })]), context({ feedId: 'b' }));
    expect(a[0]?.id).not.toBe(b[0]?.id);
  });

  it('without link or guid the id comes from the normalized title and summary', async () => {
    const items = normalizeItems(await parsedFixture('missing-fields-rss2.xml'), context());
    const again = normalizeItems(feedOf([rawItem({ title: '  no LINK, no guid,   no date ', descriptionHtml: 'Only words.' })]), context());
    expect(items.find((item) => item.title === 'No link, no guid, no date')?.id).toBe(again[0]?.id);
  });

  it('an item repeated in one document keeps its id, so dedup can collapse it', async () => {
    const items = normalizeItems(await parsedFixture('duplicate-guids-rss2.xml'), context());
    expect(items).toHaveLength(3);
    expect(items[1]?.id).toBe(items[2]?.id);
    expect(items[0]?.guid).toBe('https://dupes.example.org/story/1');
  });
});

describe('normalizeItems: whole fixtures', () => {
  it('Atom xhtml content reads in document order', async () => {
    const [item] = normalizeItems(await parsedFixture('atom-xhtml-content.xml'), context());
    expect(item).toMatchObject({
      title: 'Sommet régional à Bruxelles',
      summary: 'Les ministres se sont réunis lundi, puis ont signé un accord.\nDeuxième paragraphe.',
      link: 'https://atom.example.org/2026/08/sommet',
      published: '2026-08-12T03:30:00.000Z',
      sourceTags: ['Politique', 'europe'],
      language: 'fr-BE',
    });
  });

  it('JSON Feed: double-escaped title, plain content_text with "<" kept, RFC 822 date', async () => {
    const [first, second] = normalizeItems(await parsedFixture('json-feed-rfc822-dates.json'), context());
    expect(first).toMatchObject({
      title: 'Talks – day two & beyond',
      summary: 'Plain text with a < sign and an & ampersand.',
      link: 'https://json.example.org/2026/08/one',
      published: '2026-08-11T19:17:58.000Z',
      sourceTags: ['Diplomacy'],
    });
    expect(second).toMatchObject({ title: 'Only HTML content, no title.', link: 'https://elsewhere.example.com/story' });
  });
});

describe('normalizeItems: Media RSS descriptions', () => {
  it("a video entry's <media:group><media:description> is its summary, read as plain text", async () => {
    const [item] = normalizeItems(await parsedFixture('media-description.xml'), context());
    expect(item?.summary).toBe('Forty trucks crossed at Kerem Shalom on Tuesday, the UN said.\nPrices fell by half in two markets <updated> & more.');
  });

  it('an RSS item with an empty description uses its HTML media:description', async () => {
    const [item] = normalizeItems(await parsedFixture('media-description-rss2.xml'), context());
    expect(item?.summary).toBe('Aerial footage of flooded villages near Dadu.');
  });
});
