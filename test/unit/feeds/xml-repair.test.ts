import { describe, expect, it } from 'vitest';
import { escapeBareAmpersands, isReferenceError } from '../../../src/feeds/xml-repair.js';

describe('escapeBareAmpersands', () => {
  it('escapes an & that starts no reference', () => {
    expect(escapeBareAmpersands('<t>AT&T & co</t><l>?a=1&b=2</l>')).toBe('<t>AT&amp;T &amp; co</t><l>?a=1&amp;b=2</l>');
  });

  it('keeps the XML references and rewrites the others into forms every parser reads', () => {
    expect(escapeBareAmpersands('&amp; &lt; &gt; &quot; &apos;')).toBe('&amp; &lt; &gt; &quot; &apos;');
    expect(escapeBareAmpersands('&eacute; &check; &nbsp')).toBe('&#233; &#10003; &amp;nbsp');
    expect(escapeBareAmpersands('&#0065; &#x41; &#X2014; &#99999999;')).toBe('&#65; &#65; &#8212; &amp;#99999999;');
    expect(escapeBareAmpersands('&madeup; stays')).toBe('&amp;madeup; stays');
  });

  it('leaves CDATA, comments, processing instructions and the DOCTYPE as written', () => {
    const literal = '<?xml-stylesheet href="a?x=1&y=2"?><!DOCTYPE rss><!-- R&D --><d><![CDATA[R&D &eacute;]]></d>';
    expect(escapeBareAmpersands(literal)).toBe(literal);
  });

  it('changes nothing in a document that is already well-formed, bar the spelling of HTML references', () => {
    const wellFormed = '<rss><channel><title>A &amp; B</title><description>&lt;p&gt;x&lt;/p&gt;</description></channel></rss>';
    expect(escapeBareAmpersands(wellFormed)).toBe(wellFormed);
  });
});

describe('isReferenceError', () => {
  it("recognises sax's complaints about references and nothing else", () => {
    expect(isReferenceError('Invalid character in entity name, Line: 1, Column: 63')).toBe(true);
    expect(isReferenceError('Invalid character entity, Line: 3')).toBe(true);
    expect(isReferenceError('Unexpected close tag, Line: 11')).toBe(false);
  });
});
