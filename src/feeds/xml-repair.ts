import { namedCharacter } from './html-entities.js';

/** The references every XML parser knows without a DTD. */
const xmlNames: ReadonlySet<string> = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

// Sections where `&` is literal (CDATA, comments, processing instructions, the DOCTYPE) are
// matched whole so they pass through untouched; every other `&` is matched with what follows it.
const ampersandOrLiteralSection =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|&(?:(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};)|([A-Za-z][A-Za-z0-9]{0,31});)?/g;

/**
 * Makes the ampersands of a feed well-formed: "AT&T", "Tom & Jerry" and links such as
 * `?id=1&utm=rss` written without `&amp;` are the commonest reason a publisher's feed is
 * not XML, and a strict parser then rejects every item for one character. A bare `&`
 * becomes `&amp;`; an HTML reference the parser may not know (`&check;`) becomes its
 * numeric form, and numeric ones are spelled the way the parser accepts (no leading zeros);
 * a name nobody knows stays as written text (`&amp;foo;`), as a browser shows it. Literal
 * sections are left alone, and the result reads the same as the input wherever the input
 * was already XML.
 */
export function escapeBareAmpersands(xml: string): string {
  return xml.replace(ampersandOrLiteralSection, (match: string, numeric?: string, name?: string) => {
    if (match.charCodeAt(0) === 60 /* < */) return match;
    if (numeric !== undefined) return canonicalNumeric(numeric) ?? `&amp;${numeric}`;
    if (name === undefined) return '&amp;';
    if (xmlNames.has(name)) return match;
    const character = namedCharacter(name);
    return character === undefined ? `&amp;${name};` : `&#${character.codePointAt(0) ?? 0xfffd};`;
  });
}

/**
 * A numeric reference in the one spelling sax accepts (decimal, no leading zeros), or null
 * when it names no Unicode code point (`&#9999999;`), which is then kept as text.
 */
function canonicalNumeric(reference: string): string | null {
  const hex = reference[1] === 'x' || reference[1] === 'X';
  const value = Number.parseInt(reference.slice(hex ? 2 : 1, -1), hex ? 16 : 10);
  return value > 0x10ffff ? null : `&#${value};`;
}

/** Whether a parser's complaint is about a reference, which escapeBareAmpersands repairs. */
export function isReferenceError(message: string): boolean {
  return /Invalid character (?:in entity name|entity)/i.test(message);
}

const xmlDeclaration = /<\?xml\s/;
const feedRoot = /<(?:rss|feed|(?:[\w-]+:)?RDF)[\s>]/;
const htmlPage = /<html[\s>]/i;
/** How far into a document a server's notice can push the real start; notices are short. */
const junkScanChars = 4096;

/**
 * A server-side script's notice printed before the feed ("Notice: Undefined index …",
 * "<br /><b>Warning</b>: …") is not part of the document. An XML declaration can only come
 * first, so what precedes one is cut unless it holds a feed root or an HTML page; without
 * one, text before the first tag is. Anything else is left for the parser to judge.
 */
export function withoutLeadingJunk(body: string): string {
  const head = body.slice(0, junkScanChars);
  const declaration = head.search(xmlDeclaration);
  if (declaration === 0) return body;
  if (declaration > 0) {
    const before = head.slice(0, declaration);
    if (!feedRoot.test(before) && !htmlPage.test(before)) return body.slice(declaration);
  }
  if (body.charCodeAt(0) === 60 /* < */) return body;
  const firstTag = body.indexOf('<');
  return firstTag > 0 ? body.slice(firstTag) : body;
}
