/**
 * The source markup of one element of the N-th item, cut straight from the document.
 *
 * xml2js stores mixed content (text with child elements, as in `<description>` holding raw
 * `<em>` tags, or Atom `type="xhtml"` content) as one text blob plus a separate list of
 * children, losing their order. For those rare items we take the element's inner markup
 * from the source instead, which htmlToText then reads in order. The item offsets are found
 * on first use with one linear scan.
 */
export class RawItemMarkup {
  private starts: number[] | null = null;

  constructor(
    private readonly text: string,
    private readonly itemTag: 'item' | 'entry',
  ) {}

  innerOf(index: number, element: string): string | null {
    const starts = (this.starts ??= findStarts(this.text, this.itemTag));
    const start = starts[index];
    if (start === undefined) return null;
    const end = starts[index + 1] ?? this.text.length;
    const open = findOpenTag(this.text, element, start, end);
    if (open < 0) return null;
    const tagEnd = this.text.indexOf('>', open);
    if (tagEnd < 0 || tagEnd >= end || this.text.charCodeAt(tagEnd - 1) === 47) return null;
    const close = this.text.indexOf(`</${element}>`, tagEnd);
    if (close < 0 || close > end) return null;
    return this.text.slice(tagEnd + 1, close);
  }
}

function isDelimiter(code: number): boolean {
  return code === 62 || code === 47 || code <= 32;
}

function findOpenTag(text: string, name: string, from: number, to: number): number {
  let at = text.indexOf(`<${name}`, from);
  while (at >= 0 && at < to) {
    if (isDelimiter(text.charCodeAt(at + name.length + 1))) return at;
    at = text.indexOf(`<${name}`, at + 1);
  }
  return -1;
}

function findStarts(text: string, tag: string): number[] {
  const starts: number[] = [];
  let at = findOpenTag(text, tag, 0, text.length);
  while (at >= 0) {
    starts.push(at);
    at = findOpenTag(text, tag, at + 1, text.length);
  }
  return starts;
}
