import { describe, expect, it } from 'vitest';
import { prefixRenames, renamePrefixes } from '../../../src/feeds/xml-namespaces.js';

const dc = 'http://purl.org/dc/elements/1.1/';
const atom = 'http://www.w3.org/2005/Atom';

describe('prefixRenames', () => {
  it('maps a namespace we read from its prefix to the expected one, and leaves expected ones alone', () => {
    expect([...prefixRenames('rss', `<rss xmlns:dcx="${dc}" xmlns:content="http://purl.org/rss/1.0/modules/content/">`)]).toEqual([['dcx', 'dc']]);
    expect(prefixRenames('rss', `<rss xmlns:dc="${dc}">`).size).toBe(0);
  });

  it('unprefixes Atom in an Atom document, and names it atom inside RSS', () => {
    expect([...prefixRenames('a:feed', `<a:feed xmlns:a="${atom}">`)]).toEqual([['a', '']]);
    expect([...prefixRenames('rss', `<rss xmlns:a10="${atom}">`)]).toEqual([['a10', 'atom']]);
    expect(prefixRenames('rss', `<rss xmlns:atom="${atom}">`).size).toBe(0);
  });

  it('reads declarations on inner elements, and leaves a prefix bound to two namespaces alone', () => {
    expect([...prefixRenames('feed', `<feed xmlns="${atom}"><p0:entry xmlns:p0="${atom}"/></feed>`)]).toEqual([['p0', '']]);
    expect(prefixRenames('rss', `<rss><i xmlns:x="${dc}"/><j xmlns:x="http://example.org/other"/></rss>`).size).toBe(0);
  });

  it('does not rename onto a prefix another namespace already uses', () => {
    expect(prefixRenames('rss', `<rss xmlns:dcx="${dc}" xmlns:dc="http://example.org/not-dublin-core">`).size).toBe(0);
  });
});

describe('renamePrefixes', () => {
  it('renames start and end tags of the prefix, not CDATA, comments or other prefixes', () => {
    const xml = '<item><x:date>1</x:date><![CDATA[<x:date>]]><!-- <x:date> --><xy:date/><x:br/></item>';
    expect(renamePrefixes(xml, new Map([['x', 'dc']]))).toBe('<item><dc:date>1</dc:date><![CDATA[<x:date>]]><!-- <x:date> --><xy:date/><dc:br/></item>');
    expect(renamePrefixes('<a:feed><a:entry/></a:feed>', new Map([['a', '']]))).toBe('<feed><entry/></feed>');
  });
});
