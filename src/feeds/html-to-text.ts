import { decodeReferenceAt } from './html-entities.js';

/**
 * Feed HTML → readable plain text in one linear pass, no DOM and no regular expressions:
 * ingest runs this on every item of every poll, so it must stay O(n) and allocate little.
 * It is a reader, not a sanitizer: markup is dropped, never re-emitted.
 */
export interface HtmlToTextOptions {
  /** Fold block breaks into spaces too (headlines). */
  singleLine?: boolean;
  /** Stop once the text is longer than this; callers that clip need no more. */
  maxChars?: number;
}

const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const cellTags = new Set(['td', 'th']);
/** Elements whose content is code, media fallbacks or chrome, never article text. */
const droppedTags = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'audio',
  'video', 'canvas', 'select', 'button',
]);

const NONE = 0;
const SPACE = 1;
const BREAK = 2;

class TextSink {
  out = '';
  private pending = NONE;
  constructor(private readonly singleLine: boolean) {}

  text(value: string): void {
    if (this.pending !== NONE) {
      if (this.out.length > 0) this.out += this.pending === BREAK && !this.singleLine ? '\n' : ' ';
      this.pending = NONE;
    }
    this.out += value;
  }

  space(): void {
    if (this.pending === NONE) this.pending = SPACE;
  }

  lineBreak(): void {
    this.pending = BREAK;
  }
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isNameEnd(code: number): boolean {
  return isSpace(code) || code === 47 /* / */ || code === 62 /* > */ || code === 60 /* < */ || Number.isNaN(code);
}

/** Whether `<` at i opens markup (a tag, end tag, comment, declaration or PI) rather than text. */
function opensMarkup(s: string, i: number): boolean {
  const next = s.charCodeAt(i + 1);
  return isLetter(next) || next === 47 || next === 33 || next === 63;
}

export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const sink = new TextSink(options.singleLine === true);
  const n = html.length;
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  let i = 0;
  let run = 0;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 60 /* < */ && opensMarkup(html, i)) {
      if (run < i) sink.text(html.slice(run, i));
      if (sink.out.length > maxChars) return sink.out;
      i = readMarkup(html, i, sink);
      run = i;
    } else if (c === 38 /* & */) {
      // A bare "&" that starts no reference stays inside the run, like any other character.
      const decoded = decodeReferenceAt(html, i + 1);
      if (decoded === null) {
        i++;
        continue;
      }
      if (run < i) sink.text(html.slice(run, i));
      if (decoded.text.length === 1 && isSpace(decoded.text.charCodeAt(0))) sink.space();
      else sink.text(decoded.text);
      i = decoded.end;
      run = i;
    } else if (c === 0x200b || c === 0x2060 || c === 0xfeff) {
      // Zero-width space, word joiner, stray BOM: invisible, but they split words for matching.
      if (run < i) sink.text(html.slice(run, i));
      i++;
      run = i;
    } else if (isSpace(c)) {
      // A lone ASCII space between words stays inside the run: fewer slices, same text.
      if (c === 32 && run < i && i + 1 < n && !isSpecial(html.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      if (run < i) sink.text(html.slice(run, i));
      sink.space();
      i++;
      run = i;
    } else {
      i++;
    }
  }
  if (run < n) sink.text(html.slice(run, n));
  return sink.out;
}

function isSpecial(code: number): boolean {
  return isSpace(code) || code === 60 || code === 38;
}

function readMarkup(s: string, i: number, sink: TextSink): number {
  const n = s.length;
  const c1 = s.charCodeAt(i + 1);
  if (isLetter(c1)) return readStartTag(s, i, sink);
  if (c1 === 47 /* / */ && isLetter(s.charCodeAt(i + 2))) {
    let nameEnd = i + 2;
    while (nameEnd < n && !isNameEnd(s.charCodeAt(nameEnd))) nameEnd++;
    const name = s.slice(i + 2, nameEnd).toLowerCase();
    if (blockTags.has(name)) sink.lineBreak();
    else if (cellTags.has(name)) sink.space();
    const end = s.indexOf('>', nameEnd);
    return end < 0 ? n : end + 1;
  }
  if (c1 === 33 /* ! */) {
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      return end < 0 ? n : end + 3;
    }
    if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      emitPlain(s, i + 9, end < 0 ? n : end, sink);
      return end < 0 ? n : end + 3;
    }
    const end = s.indexOf('>', i + 2);
    return end < 0 ? n : end + 1;
  }
  if (c1 === 63 /* ? */) {
    const end = s.indexOf('>', i + 2);
    return end < 0 ? n : end + 1;
  }
  sink.text('<');
  return i + 1;
}

function readStartTag(s: string, i: number, sink: TextSink): number {
  const n = s.length;
  let nameEnd = i + 1;
  while (nameEnd < n && !isNameEnd(s.charCodeAt(nameEnd))) nameEnd++;
  const name = s.slice(i + 1, nameEnd).toLowerCase();
  const tagEnd = findTagEnd(s, nameEnd);
  // A tag cut off by the end of the fragment shows nothing, as in a browser.
  if (tagEnd < 0) return n;
  const selfClosing = s.charCodeAt(tagEnd - 1) === 47;
  if (droppedTags.has(name)) return selfClosing ? tagEnd + 1 : skipPastClose(s, tagEnd + 1, name);
  // FeedBurner's share links ("feedflare") are chrome around the story, not the story.
  if (name === 'div' && s.slice(nameEnd, tagEnd).includes('feedflare')) {
    sink.lineBreak();
    return skipNested(s, tagEnd + 1, name);
  }
  if (blockTags.has(name)) sink.lineBreak();
  else if (cellTags.has(name)) sink.space();
  return tagEnd + 1;
}

/** Index of the `>` that ends a tag, stepping over quoted attribute values. */
function findTagEnd(s: string, from: number): number {
  const n = s.length;
  for (let j = from; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c === 62) return j;
    if (c === 34 || c === 39) {
      const close = s.indexOf(c === 34 ? '"' : "'", j + 1);
      if (close < 0) return s.indexOf('>', from);
      j = close;
    }
  }
  return -1;
}

function closesTag(s: string, at: number, name: string): boolean {
  return (
    s.slice(at, at + name.length).toLowerCase() === name && isNameEnd(s.charCodeAt(at + name.length))
  );
}

function skipPastClose(s: string, from: number, name: string): number {
  let at = from;
  for (;;) {
    const k = s.indexOf('</', at);
    if (k < 0) return s.length;
    if (closesTag(s, k + 2, name)) {
      const end = s.indexOf('>', k);
      return end < 0 ? s.length : end + 1;
    }
    at = k + 2;
  }
}

function skipNested(s: string, from: number, name: string): number {
  let depth = 1;
  let at = from;
  for (;;) {
    const k = s.indexOf('<', at);
    if (k < 0) return s.length;
    if (s.charCodeAt(k + 1) === 47 && closesTag(s, k + 2, name)) {
      depth--;
      const end = s.indexOf('>', k);
      if (end < 0) return s.length;
      if (depth === 0) return end + 1;
      at = end + 1;
    } else {
      if (closesTag(s, k + 1, name)) depth++;
      at = k + 1;
    }
  }
}

function emitPlain(s: string, from: number, to: number, sink: TextSink): void {
  let run = from;
  for (let j = from; j < to; j++) {
    if (isSpace(s.charCodeAt(j))) {
      if (run < j) sink.text(s.slice(run, j));
      sink.space();
      run = j + 1;
    }
  }
  if (run < to) sink.text(s.slice(run, to));
}

