import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/feeds/html-to-text.js';

describe('htmlToText', () => {
  it('decodes named, decimal and hex references', () => {
    expect(htmlToText('Tom &amp; Jerry &ndash; &#8220;quoted&#x201D; &eacute;t&eacute; &hellip;')).toBe('Tom & Jerry – “quoted” été …');
  });

  it('double-escaped references from a CMS (&amp;#8211;) still decode', () => {
    expect(htmlToText('Blog &amp;#8211; InfluxData &amp;amp; more')).toBe('Blog – InfluxData & more');
  });

  it('an ampersand that starts no reference is kept as text', () => {
    expect(htmlToText('AT&T & partners; R&D&nbsp;budget &unknownname; &#;')).toBe('AT&T & partners; R&D budget &unknownname; &#;');
  });

  it('numeric references in the C1 range get their windows-1252 meaning; invalid ones U+FFFD', () => {
    expect(htmlToText('&#147;hi&#148; &#150; &#0; &#xD800;')).toBe('“hi” – \ufffd \ufffd');
  });

  it('scripts, styles, noscript and images leave no text behind', () => {
    const html = '<p>Before</p><script>var x = "<p>not text</p>";</script><STYLE>p{}</STYLE><noscript>enable JS</noscript><img src="a.png" alt="alt text"/><p>After</p>';
    expect(htmlToText(html)).toBe('Before\nAfter');
  });

  it('an unclosed script swallows the rest, as in a browser', () => {
    expect(htmlToText('Visible<script>alert(1)')).toBe('Visible');
  });

  it('block elements become line breaks, inline ones nothing, cells a space', () => {
    expect(htmlToText('<p>One <b>bold</b>word</p><ul><li>a</li><li>b</li></ul>x<br>y<table><tr><td>1</td><td>2</td></tr></table>')).toBe(
      'One boldword\na\nb\nx\ny\n1 2',
    );
  });

  it('whitespace folds: runs of spaces, tabs, newlines and &nbsp; become one space', () => {
    expect(htmlToText('  Real Madrid,\n                Barcelona \t and&nbsp;&nbsp;Juventus  ')).toBe('Real Madrid, Barcelona and Juventus');
  });

  it('singleLine folds block breaks into spaces (headlines)', () => {
    expect(htmlToText('<p>Line one</p><p>Line two</p>', { singleLine: true })).toBe('Line one Line two');
  });

  it('comments, processing instructions and CDATA sections are handled', () => {
    expect(htmlToText('a<!-- hidden -->b<?php echo 1; ?>c<![CDATA[ <raw> & ]]>d')).toBe('abc <raw> & d');
  });

  it('attribute values containing ">" do not end the tag early', () => {
    expect(htmlToText('<a href="x" title="a > b">link</a> text')).toBe('link text');
  });

  it('FeedBurner feedflare blocks (share links) are dropped with their nested content', () => {
    const html = 'Story text.<div class="feedflare"><div><a href="x">Share on Facebook</a></div><a href="y"><img src="z"></a></div> End.';
    expect(htmlToText(html)).toBe('Story text.\nEnd.');
  });

  it('zero-width spaces and word joiners do not split words', () => {
    expect(htmlToText('aboard \u2060Air Force\u200b One\ufeff')).toBe('aboard Air Force One');
  });

  it('a lone "<" that starts no tag is text', () => {
    expect(htmlToText('3 < 5 and 7 <= 8')).toBe('3 < 5 and 7 <= 8');
  });

  it('a tag cut off at the end of the fragment shows nothing', () => {
    expect(htmlToText('Text <a href="unterminated')).toBe('Text');
  });

  it('mixed-case and unescaped HTML tags in a description read in order', () => {
    expect(htmlToText("<em>L'Ordine</em>: Ron Gilbert su <EM>Death By Scrolling</EM>, pausa")).toBe("L'Ordine: Ron Gilbert su Death By Scrolling, pausa");
  });

  it('maxChars stops early on huge content', () => {
    const html = '<p>word </p>'.repeat(10_000);
    const text = htmlToText(html, { maxChars: 100 });
    expect(text.length).toBeGreaterThan(100);
    expect(text.length).toBeLessThan(200);
  });

  it('stays linear on pathological input (many unclosed "<")', () => {
    // A quadratic scan would need ~10^10 steps here (minutes); a linear one needs milliseconds.
    const html = '<a'.repeat(100_000) + '&'.repeat(100_000) + '<!--'.repeat(50_000);
    const started = performance.now();
    htmlToText(html);
    htmlToText('&'.repeat(100_000) + '<'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
