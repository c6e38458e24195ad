import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../src/feeds/canonical-url.js';

describe('canonicalUrl', () => {
  it('drops utm_* and other click trackers but keeps real parameters in order', () => {
    expect(canonicalUrl('https://example.org/a?id=7&utm_source=rss&utm_medium=feed&fbclid=x&gclid=y&page=2')).toBe(
      'https://example.org/a?id=7&page=2',
    );
  });

  it('BBC at_medium/at_campaign and Al Jazeera traffic_source are removed', () => {
    expect(canonicalUrl('https://www.bbc.co.uk/news/articles/c1?at_medium=RSS&at_campaign=rss')).toBe('https://www.bbc.co.uk/news/articles/c1');
    expect(canonicalUrl('https://www.aljazeera.com/news/2026/8/13/x?traffic_source=rss')).toBe('https://www.aljazeera.com/news/2026/8/13/x');
  });

  it('fragments go and the host is lower-cased; the path keeps its case', () => {
    expect(canonicalUrl('HTTPS://WWW.Example.ORG:443/Path/Story#comments')).toBe('https://www.example.org/Path/Story');
  });

  it('relative links resolve against the base', () => {
    expect(canonicalUrl('/news/2026/story', 'https://example.org/feed.xml')).toBe('https://example.org/news/2026/story');
    expect(canonicalUrl('story', 'https://example.org/en/')).toBe('https://example.org/en/story');
  });

  it('a broken base does not cost an absolute link', () => {
    expect(canonicalUrl('https://example.org/x', 'not a url')).toBe('https://example.org/x');
  });

  it('whitespace around the link (CDATA padding) is trimmed; spaces inside are encoded', () => {
    expect(canonicalUrl('\n   https://example.org/NOTAS 2EJ.pdf   \n')).toBe('https://example.org/NOTAS%202EJ.pdf');
  });

  it('non-http(s) schemes and garbage are not links', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('mailto:desk@example.org')).toBeNull();
    expect(canonicalUrl('tag:blogger.com,1999:blog-1')).toBeNull();
    expect(canonicalUrl('   ')).toBeNull();
    expect(canonicalUrl('relative/without/base')).toBeNull();
  });

  it('Bing News apiclick redirects unwrap to the article they point at', () => {
    const bing =
      'http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=12BE&url=https%3a%2f%2fwww.dailymail.co.uk%2fsport%2farticle-1.html%3futm_source%3drss&c=44&mkt=it-it';
    expect(canonicalUrl(bing)).toBe('https://www.dailymail.co.uk/sport/article-1.html');
  });

  it('a query left empty by stripping leaves no dangling "?"', () => {
    expect(canonicalUrl('https://example.org/a?utm_source=x')).toBe('https://example.org/a');
  });

  it('parameter names are compared case-insensitively and percent-decoded', () => {
    expect(canonicalUrl('https://example.org/a?UTM_Source=x&%75tm_medium=y&keep=1')).toBe('https://example.org/a?keep=1');
  });
});
