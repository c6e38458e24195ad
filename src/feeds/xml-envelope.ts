/**
 * Cheap checks on an XML document's envelope before and after the real parse: which root it
 * has, whether its DOCTYPE declares entities (we refuse those: an internal subset is how
 * "billion laughs" bombs work, and no feed needs one), whether the root is ever closed
 * (a truncated body must be an error, not an empty feed), and the channel's title and link
 * for error reports. Linear scans over the prolog and the tail only.
 */
export interface XmlEnvelope {
  /** Qualified name of the root element, e.g. `rss`, `feed`, `rdf:RDF`. */
  rootName: string;
  rootStart: number;
  rootTagEnd: number;
  selfClosing: boolean;
  declaresEntities: boolean;
  base: string | null;
  lang: string | null;
}

export type EnvelopeResult = { ok: true; envelope: XmlEnvelope } | { ok: false; message: string };

function isNameChar(code: number): boolean {
  return !(code <= 32 || code === 47 || code === 62 || Number.isNaN(code));
}

function skipDoctype(text: string, start: number): number {
  // Walk to the `>` that closes the DOCTYPE, past an internal subset in [ … ].
  let inSubset = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) inSubset = true;
    else if (c === 93) inSubset = false;
    else if (c === 62 && !inSubset) return i + 1;
  }
  return -1;
}

export function readXmlEnvelope(text: string): EnvelopeResult {
  let i = 0;
  let declaresEntities = false;
  for (;;) {
    const open = text.indexOf('<', i);
    if (open < 0) return { ok: false, message: 'no root element: the document has no XML markup' };
    if (text.startsWith('<?', open)) {
      const end = text.indexOf('?>', open + 2);
      if (end < 0) return { ok: false, message: 'unterminated processing instruction before the root element' };
      i = end + 2;
    } else if (text.startsWith('<!--', open)) {
      const end = text.indexOf('-->', open + 4);
      if (end < 0) return { ok: false, message: 'unterminated comment before the root element' };
      i = end + 3;
    } else if (text.startsWith('<!', open)) {
      const end = skipDoctype(text, open + 2);
      if (end < 0) return { ok: false, message: 'unterminated DOCTYPE' };
      if (text.slice(open, end).includes('<!ENTITY')) declaresEntities = true;
      i = end;
    } else {
      return readRoot(text, open, declaresEntities);
    }
  }
}

function readRoot(text: string, open: number, declaresEntities: boolean): EnvelopeResult {
  let nameEnd = open + 1;
  while (nameEnd < text.length && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  const rootName = text.slice(open + 1, nameEnd);
  const tagEnd = text.indexOf('>', nameEnd);
  if (rootName.length === 0 || tagEnd < 0) {
    return { ok: false, message: 'the root element is cut off before its start tag ends' };
  }
  const startTag = text.slice(open, tagEnd + 1);
  return {
    ok: true,
    envelope: {
      rootName,
      rootStart: open,
      rootTagEnd: tagEnd,
      selfClosing: text.charCodeAt(tagEnd - 1) === 47,
      declaresEntities,
      base: attribute(startTag, 'xml:base'),
      lang: attribute(startTag, 'xml:lang'),
    },
  };
}

function attribute(startTag: string, name: string): string | null {
  const at = startTag.indexOf(`${name}=`);
  if (at < 0) return null;
  const quote = startTag[at + name.length + 1];
  if (quote !== '"' && quote !== "'") return null;
  const end = startTag.indexOf(quote, at + name.length + 2);
  return end < 0 ? null : startTag.slice(at + name.length + 2, end);
}

/** True when the root element's end tag appears after its start tag. */
export function rootIsClosed(text: string, envelope: XmlEnvelope): boolean {
  if (envelope.selfClosing) return true;
  return text.lastIndexOf(`</${envelope.rootName}`) > envelope.rootTagEnd;
}

/**
 * The channel's title and link, read leniently from a document the parser rejected, so a
 * health report can still say which feed broke. Only the part before the first item counts.
 */
export function channelHints(text: string): { title: string | null; link: string | null } {
  const firstItem = firstIndex(text, ['<item', '<entry']);
  const head = firstItem < 0 ? text.slice(0, 65_536) : text.slice(0, firstItem);
  return { title: elementText(head, 'title'), link: elementText(head, 'link') ?? atomLink(head) };
}

function firstIndex(text: string, needles: string[]): number {
  let best = -1;
  for (const needle of needles) {
    const at = text.indexOf(needle);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

function elementText(head: string, name: string): string | null {
  const open = head.indexOf(`<${name}>`);
  if (open < 0) return null;
  const start = open + name.length + 2;
  const end = head.indexOf(`</${name}>`, start);
  if (end < 0) return null;
  let value = head.slice(start, end).trim();
  if (value.startsWith('<![CDATA[') && value.endsWith(']]>')) value = value.slice(9, -3).trim();
  return value.length > 0 ? value : null;
}

function atomLink(head: string): string | null {
  let at = head.indexOf('<link');
  while (at >= 0) {
    const end = head.indexOf('>', at);
    if (end < 0) return null;
    const tag = head.slice(at, end + 1);
    const rel = attribute(tag, 'rel');
    const href = attribute(tag, 'href');
    if (href !== null && (rel === null || rel === 'alternate')) return href;
    at = head.indexOf('<link', end);
  }
  return null;
}
