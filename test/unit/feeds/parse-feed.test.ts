import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/feeds/parse-feed.js';
import { fixtureText, parsedFixture } from './feed-fixtures.js';

describe('parseFeed: formats', () => {
  it('RSS 2.0 with CDATA HTML keeps the HTML for normalizing and every category', async () => {
    const feed = await parsedFixture('cdata-html-rss2.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Sitrep Fixture Wire', link: 'https://wire.example.org/', language: 'en-gb' });
    expect(feed.updated).toBe('Wed, 12 Aug 2026 09:00:00 GMT');
    const [first, second, third] = feed.items;
    expect(first?.descriptionHtml).toContain('<script>');
    expect(first?.categories).toEqual(['Diplomacy', 'diplomacy', 'Middle East']);
    expect(first?.guid).toBe('wire-0001');
    expect(second?.guid).toBe('https://wire.example.org/world/aid-convoy');
    expect(third?.date).toBe('2026-08-11T21:30:00Z');
    expect(third?.contentHtml).toContain('Full text');
  });

  it('Atom 1.0: xhtml content keeps its order, html titles, categories by label or term, dates raw', async () => {
    const feed = await parsedFixture('atom-xhtml-content.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Sitrep Fixture: Atom', link: 'https://atom.example.org/', language: 'fr-BE' });
    expect(feed.updated).toBe('2026-08-12T06:00:00+02:00');
    const [xhtml, updatedOnly] = feed.items;
    expect(xhtml?.contentHtml).toMatch(/se sont <a [^>]*>réunis<\/a> lundi, puis <b>ont signé<\/b> un accord/);
    expect(xhtml?.title).toBe('Sommet <em>régional</em> à Bruxelles');
    expect(xhtml?.categories).toEqual(['Politique', 'europe']);
    expect(xhtml?.date).toBe('2026-08-12T05:30:00+02:00');
    expect(xhtml?.guid).toBe('tag:atom.example.org,2026:sommet');
    expect(updatedOnly?.date).toBe('mer, 12 août 2026 04:00:00 +0200');
    expect(updatedOnly?.descriptionHtml).toBe('<p>Summary &amp; more.</p>');
  });

  it('an Atom date rss-parser cannot read does not reject the whole feed', async () => {
    const feed = await parsedFixture('atom-xhtml-content.xml');
    expect(feed.items).toHaveLength(2);
  });

  it('RDF / RSS 1.0: items outside the channel, dc:date and dc:subject, Seq longer than the items', async () => {
    const feed = await parsedFixture('rdf-rss1.xml');
    expect(feed).toMatchObject({ format: 'rdf', language: 'de', updated: '2026-08-12T07:00:00+02:00' });
    expect(feed.items.map((item) => item.title)).toEqual(['Regierung legt Haushalt vor', 'Wahl in Nachbarland']);
    expect(feed.items[0]).toMatchObject({ date: '2026-08-12T06:30:00+02:00', categories: ['Inland'] });
  });

  it('RSS 0.91 with its public DOCTYPE (no internal subset) parses, HTML entities included', async () => {
    const feed = await parsedFixture('doctype-without-entities-rss091.xml');
    expect(feed.items[0]?.descriptionHtml).toBe('Plazo de diez días.');
  });

  it('JSON Feed 1.1 with RFC 822 dates, numeric ids, author/authors and wrongly typed fields', async () => {
    const feed = await parsedFixture('json-feed-rfc822-dates.json');
    expect(feed).toMatchObject({ format: 'json', title: 'Sitrep Fixture &#8211; JSON Feed', link: 'https://json.example.org/', language: 'en' });
    const [one, two, three] = feed.items;
    expect(one).toMatchObject({ date: 'Tue, 11 Aug 2026 12:17:58 -0700', author: 'Reporter One', categories: ['Diplomacy', ' diplomacy '] });
    expect(one?.contentHtml).toBe('Plain text with a &lt; sign and an &amp; ampersand.');
    expect(two).toMatchObject({ guid: '2', link: 'https://elsewhere.example.com/story', title: null, author: 'Reporter Two' });
    expect(three).toMatchObject({ guid: '3', link: null, categories: [], date: '2026-08-10T08:00:00+02:00' });
  });
});

describe('parseFeed: quirks', () => {
  it('two <guid> elements in one item: the first is the identity, and a permalink guid stands in for a missing link', async () => {
    const feed = await parsedFixture('duplicate-guids-rss2.xml');
    expect(feed.items[0]).toMatchObject({ guid: 'https://dupes.example.org/story/1', link: 'https://dupes.example.org/story/1' });
  });

  it('a guid marked isPermaLink="false" is never used as the link', async () => {
    const feed = await parsedFixture('duplicate-guids-rss2.xml');
    expect(feed.items[1]).toMatchObject({ guid: 'dupe-7', link: null });
  });

  it('items missing guid, link, date or title still come through', async () => {
    const feed = await parsedFixture('missing-fields-rss2.xml');
    expect(feed.items).toHaveLength(6);
    expect(feed.items[1]).toMatchObject({ guid: null, link: null, date: null, title: 'No link, no guid, no date' });
    expect(feed.items[2]?.title).toBeNull();
  });

  it('links resolve against the document xml:base and an item xml:base', async () => {
    const feed = await parsedFixture('relative-links-rss2.xml');
    expect(feed.items[0]?.link).toBe('https://base.example.org/en/story/2026/08/relative');
    expect(feed.items[1]?.link).toBe('https://item.example.org/other/story');
  });

  it("FeedBurner's origLink replaces the ~r/ tracking link", async () => {
    const feed = await parsedFixture('relative-links-rss2.xml');
    expect(feed.items[3]?.link).toBe('https://wire.example.org/world/original-story?traffic_source=rss');
  });

  it('blank lines before the XML declaration do not break parsing', async () => {
    const feed = await parsedFixture('blank-lines-before-declaration-rss2.xml');
    expect(feed.items).toHaveLength(1);
    // Also when the caller skipped decodeFeedBody and passes the raw text.
    const outcome = await parseFeed(`\n\n  ${fixtureText('blank-lines-before-declaration-rss2.xml')}`);
    expect(outcome.ok).toBe(true);
  });
});

describe('parseFeed: failures are values', () => {
  it('malformed XML (mismatched end tag) is feed/parse with the channel it came from', async () => {
    const outcome = await parseFeed(fixtureText('broken-mismatched-tags-rss2.xml'));
    expect(outcome).toMatchObject({
      ok: false,
      code: 'feed/parse',
      channel: { title: 'Sitrep Fixture: broken XML', link: 'https://broken.example.org/' },
    });
    if (!outcome.ok) expect(outcome.message).toMatch(/^malformed XML: Unexpected close tag, Line: 11/);
  });

  it('a body truncated mid-item is feed/parse, never an empty or partial feed', async () => {
    const outcome = await parseFeed(fixtureText('truncated-mid-item-rss2.xml'));
    expect(outcome).toMatchObject({ ok: false, code: 'feed/parse', channel: { title: 'Sitrep Fixture: truncated body' } });
  });

  it.each([100, 300, 500, 700])('truncated at byte %i of a valid feed is feed/parse', async (cut) => {
    const text = fixtureText('cdata-html-rss2.xml').slice(0, cut);
    expect((await parseFeed(text)).ok).toBe(false);
  });

  it('an entity-expansion bomb is refused before parsing, with a clear message', async () => {
    const started = performance.now();
    const outcome = await parseFeed(fixtureText('entity-bomb-rss2.xml'));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(outcome).toMatchObject({ ok: false, code: 'feed/parse' });
    if (!outcome.ok) expect(outcome.message).toMatch(/DOCTYPE declares XML entities/);
  });

  it('an external entity (XXE) is refused and never read', async () => {
    const outcome = await parseFeed(fixtureText('external-entity-rss2.xml'));
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain('root:');
  });

  it('an HTML error page is feed/parse saying what it got', async () => {
    const outcome = await parseFeed(fixtureText('not-a-feed.html'));
    expect(outcome).toMatchObject({ ok: false, code: 'feed/parse' });
    if (!outcome.ok) expect(outcome.message).toContain('an HTML page');
  });

  it.each([
    ['empty text', ''],
    ['whitespace only', '  \n '],
    ['plain text', 'Service temporarily unavailable'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": ['],
    ['JSON that is not a JSON Feed', '{"hello": "world"}'],
    ['an unknown XML root', '<?xml version="1.0"?><opml version="2.0"><body/></opml>'],
  ])('%s is feed/parse, not an exception', async (_label, text) => {
    await expect(parseFeed(text)).resolves.toMatchObject({ ok: false, code: 'feed/parse' });
  });

  it('an <rss> without a <channel> is feed/parse saying so', async () => {
    const outcome = await parseFeed('<?xml version="1.0"?><rss version="2.0"><title>T</title><item><title>A</title></item></rss>');
    expect(outcome).toMatchObject({ ok: false, code: 'feed/parse', message: 'not a feed: <rss> has no <channel>' });
  });

  it('a feed with a valid channel and no items is a success with zero items', async () => {
    const outcome = await parseFeed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>');
    expect(outcome).toMatchObject({ ok: true, feed: { title: 'Quiet', items: [] } });
  });
});

describe('parseFeed: bare ampersands', () => {
  it('"AT&T", "Tom & Jerry" and &-joined query strings no longer cost the feed its items', async () => {
    const outcome = await parseFeed(fixtureText('bare-ampersands-rss2.xml'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { feed } = outcome;
    expect(feed.title).toBe('Sitrep Fixture: Markets & Politics');
    expect(feed.items.map((item) => item.title)).toEqual(['AT&T and Verizon fined over location data', 'Tom & Jerry creators honoured in Paris']);
    expect(feed.items.map((item) => item.link)).toEqual([
      'https://wire.example.org/story?id=41&utm_source=rss&utm_medium=feed',
      'https://wire.example.org/story?id=42&utm_source=rss',
    ]);
  });

  it('references keep their meaning: HTML names the parser lacks, leading zeros, unknown names as text', async () => {
    const outcome = await parseFeed(fixtureText('bare-ampersands-rss2.xml'));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.feed.items[0]?.descriptionHtml).toBe('Regulators said the carriers sold data — ✓ confirmed And — &bogus; stays & so does &amp;.');
    // CDATA is literal: nothing inside it is touched.
    expect(outcome.feed.items[1]?.descriptionHtml).toBe('<p>Kept literal in CDATA: R&D, &amp; and <b>bold</b></p>');
  });

  it('a document that was already XML parses exactly as before', async () => {
    const outcome = await parseFeed(fixtureText('cdata-html-rss2.xml'));
    expect(outcome.ok).toBe(true);
  });

  it('other faults stay errors: the repair is for references only', async () => {
    const broken = fixtureText('broken-mismatched-tags-rss2.xml').replace('</title>', ' & more</title>');
    const outcome = await parseFeed(broken);
    expect(outcome.ok).toBe(false);
  });
});

describe('parseFeed: a script notice before the feed', () => {
  const feedXml =
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire</title>' +
    '<item><title>Talks resume in Doha</title><link>https://wire.example.org/doha</link></item></channel></rss>';

  it('text or an HTML warning printed before the XML declaration is cut, not fatal', async () => {
    for (const notice of [
      'Notice: Undefined index: page in /var/www/feed.php on line 12\n',
      '<br />\n<b>Warning</b>:  Cannot modify header information in <b>/var/www/feed.php</b> on line <b>3</b><br />\n',
    ]) {
      const outcome = await parseFeed(notice + feedXml);
      expect(outcome.ok, notice).toBe(true);
      if (outcome.ok) expect(outcome.feed.items.map((item) => item.title)).toEqual(['Talks resume in Doha']);
    }
  });

  it('without a declaration, text before the first tag is cut', async () => {
    const outcome = await parseFeed(`Deprecated: function x() in feed.php\n${feedXml.replace(/^<\?xml[^>]*>\n/, '')}`);
    expect(outcome.ok).toBe(true);
  });

  it('a declaration-like text inside the feed or an HTML page is left alone', async () => {
    const inCdata = feedXml
      .replace(/^<\?xml[^>]*>\n/, '')
      .replace('<title>Talks', '<description><![CDATA[Start with <?xml version="1.0"?>]]></description><title>Talks');
    const parsed = await parseFeed(inCdata);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.feed.items[0]?.descriptionHtml).toBe('Start with <?xml version="1.0"?>');
    const page = await parseFeed('<html><body>Error 500 <?xml version="1.0"?></body></html>');
    expect(page).toMatchObject({ ok: false, message: 'not a feed: expected RSS, Atom, RDF or JSON Feed, got an HTML page' });
  });
});

describe('parseFeed: namespaces are read by URI, not by prefix', () => {
  it('an Atom feed whose elements carry a prefix (<at:feed xmlns:at="…/Atom">) is Atom', async () => {
    const feed = await parsedFixture('prefixed-atom.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Sitrep Fixture: Atom with a prefix' });
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ title: 'Envoys meet in Geneva on a truce for the north', link: 'https://prefixed.example.org/geneva', date: '2026-08-11T12:00:00+02:00' });
    // CDATA inside the content is text and keeps its prefix.
    expect(feed.items[0]?.contentHtml).toContain('<![CDATA[<at:kept>]]>');
  });

  it('an RSS item dated only by atom:updated (here a10:updated) keeps its date', async () => {
    const [item] = (await parsedFixture('atom-dates-in-rss2.xml')).items;
    expect(item?.date).toBe('2026-08-10T07:45:00Z');
  });

  it('an Atom entry that declares its own prefix for Atom is read', async () => {
    const feed = await parsedFixture('atom-entry-own-prefix.xml');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ title: 'Ministers agree on grain corridor terms', link: 'https://own-prefix.example.org/grain', date: '2026-08-04T01:29:34Z' });
  });

  it('Dublin Core, content:encoded and Pheedo origLink under other prefixes are read', async () => {
    const [item] = (await parsedFixture('unusual-prefixes-rss2.xml')).items;
    expect(item).toMatchObject({
      link: 'https://prefixes.example.org/danube-floods',
      date: '2026-08-12T06:30:00Z',
      categories: ['Europe'],
    });
    expect(item?.contentHtml).toBe('<p>Authorities in three countries issued warnings. <dca:date>not a date</dca:date></p>');
  });
});

describe('parseFeed: the Atom entry link is its alternate page', () => {
  it('a link without rel is the alternate; related and replies links are not the page; HTML wins among alternates', async () => {
    const feed = await parsedFixture('atom-entry-link-order.xml');
    expect(feed.items.map((item) => item.link)).toEqual(['https://links.example.org/updates/one', 'https://links.example.org/updates/two']);
  });
});

describe('parseFeed: the Atom feed link is its alternate page', () => {
  it('a self link listed first is the self link, not the site', async () => {
    const feed = await parsedFixture('atom-entry-link-order.xml');
    expect(feed).toMatchObject({ link: 'https://links.example.org/', selfLink: 'https://links.example.org/feed.xml' });
  });
});
