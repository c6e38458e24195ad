import { isAscii, isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * Feed bytes → text. The charset comes from, in order: a byte-order mark, the HTTP
 * Content-Type header, the XML declaration; a document that declares nothing is UTF-8 when
 * its bytes are valid UTF-8 and windows-1252 otherwise (undeclared Latin-1 is common, and
 * windows-1252 is the Latin-1 superset that also gets curly quotes and dashes right).
 * Like browsers, we read ISO-8859-1 and US-ASCII labels as windows-1252. A legacy label
 * on bytes that are valid UTF-8 beyond ASCII is taken for a stale label.
 */
export type CharsetSource = 'bom' | 'header' | 'prolog' | 'sniffed' | 'default';

export interface DecodedFeedBody {
  text: string;
  charset: string;
  source: CharsetSource;
}

const aliases: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'iso-8859-1': 'windows-1252', iso8859_1: 'windows-1252', 'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252', 'iso-ir-100': 'windows-1252', latin1: 'windows-1252',
  l1: 'windows-1252', cp819: 'windows-1252', ibm819: 'windows-1252', 'us-ascii': 'windows-1252',
  ascii: 'windows-1252', 'windows-1252': 'windows-1252', cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252', 'iso-8859-9': 'windows-1254', latin5: 'windows-1254',
  'tis-620': 'windows-874', 'iso-8859-11': 'windows-874', gb2312: 'gbk', 'x-gbk': 'gbk',
  'ks_c_5601-1987': 'cp949', 'euc-kr': 'cp949', 'utf-16': 'utf-16', utf16: 'utf-16',
  unicode: 'utf-16', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
};

function charsetLabel(raw: string | null): string | null {
  if (raw === null) return null;
  const label = raw.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (label.length === 0) return null;
  const alias = aliases[label];
  if (alias !== undefined) return alias;
  return iconv.encodingExists(label) ? label : null;
}

function headerCharset(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/i.exec(contentType);
  return match?.[1] ?? null;
}

function bomOf(body: Buffer): { charset: string; length: number } | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    return { charset: 'utf-8', length: 3 };
  }
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** `<?` written in UTF-16 without a BOM shows its byte order through the zero bytes. */
function utf16Order(body: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (body.length < 4) return null;
  if (body[0] === 0x3c && body[1] === 0 && body[3] === 0) return 'utf-16le';
  if (body[0] === 0 && body[1] === 0x3c && body[2] === 0) return 'utf-16be';
  return null;
}

function prologEncoding(body: Buffer): string | null {
  const head = body.subarray(0, 512).toString('latin1');
  const start = head.indexOf('<?xml');
  if (start < 0 || head.slice(0, start).trim().length > 0) return null;
  const end = head.indexOf('?>', start);
  const declaration = head.slice(start, end < 0 ? head.length : end);
  return /\sencoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1] ?? null;
}

function decode(body: Buffer, charset: string, source: CharsetSource): DecodedFeedBody {
  const resolved = charset === 'utf-16' ? (utf16Order(body) ?? 'utf-16le') : charset;
  const text = (resolved === 'utf-8' ? fastUtf8(body) : null) ?? iconv.decode(body, resolved, { stripBOM: true });
  return { text: stripLeadingWhitespace(text), charset: resolved, source };
}

/**
 * Valid UTF-8 is most of what we read and decoding is a fixed tax on every poll, so it gets a
 * fast path with the same result as iconv-lite: ASCII bytes are copied as Latin-1, and other
 * valid UTF-8 goes through ICU's transcoder (about 1.5× faster than a UTF-8 string decode on
 * non-Latin scripts). Invalid UTF-8 (and runtimes without ICU) fall back to iconv-lite.
 */
function fastUtf8(body: Buffer): string | null {
  if (isAscii(body)) return body.toString('latin1');
  if (!isUtf8(body)) return null;
  try {
    return transcode(body, 'utf8', 'ucs2').toString('ucs2');
  } catch {
    return null;
  }
}

/**
 * PHP templates often print blank lines before `<?xml`, which strict XML rejects;
 * the document after them is fine, so we drop them (and a stray U+FEFF).
 */
export function stripLeadingWhitespace(text: string): string {
  const first = text.charCodeAt(0);
  if (first > 32 && first !== 0xfeff) return text;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 0xfeff) break;
    i++;
  }
  return text.slice(i);
}

/**
 * Invalid UTF-8 is not always Latin-1: a UTF-8 feed cut at chunk boundaries by a careless
 * proxy has a few broken sequences among many good ones. Decoding it as windows-1252 would
 * garble every line, decoding it as UTF-8 costs a few U+FFFD, so the majority decides.
 */
function mostlyUtf8(body: Buffer): boolean {
  let good = 0;
  let bad = 0;
  let i = 0;
  while (i < body.length) {
    const b = body[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    let valid = length > 0 && i + length <= body.length;
    for (let k = 1; valid && k < length; k++) valid = ((body[i + k] ?? 0) & 0xc0) === 0x80;
    if (valid) {
      good++;
      i += length;
    } else {
      bad++;
      i++;
    }
  }
  return good > bad;
}

/**
 * A legacy charset label (windows-1251, ISO-8859-5, GB2312, Shift_JIS …) is overruled by
 * bytes that are valid UTF-8 with characters beyond ASCII: text in those charsets almost
 * never forms valid UTF-8 by chance, while a feed converted to UTF-8 that kept its old
 * declaration (or a server's stale charset) is common, and reading it by the label turns
 * every letter into two or three ("Р’ Р‘СѓР·…", "涔犺繎…").
 */
function labelOverruledByUtf8(label: string, body: Buffer): boolean {
  return label !== 'utf-8' && !label.startsWith('utf-16') && !isAscii(body) && isUtf8(body);
}

export function decodeFeedBody(body: Buffer, contentType: string | null): DecodedFeedBody {
  const bom = bomOf(body);
  if (bom !== null) return decode(body.subarray(bom.length), bom.charset, 'bom');

  let validUtf8: boolean | undefined;
  const isValidUtf8 = (): boolean => (validUtf8 ??= isUtf8(body) || mostlyUtf8(body));

  // Servers that add "charset=utf-8" to everything are common; bytes that are not UTF-8
  // prove the header wrong, and the document's own declaration gets its say.
  const header = charsetLabel(headerCharset(contentType));
  if (header !== null && labelOverruledByUtf8(header, body)) return decode(body, 'utf-8', 'sniffed');
  if (header !== null && !(header === 'utf-8' && !isValidUtf8())) return decode(body, header, 'header');

  const utf16 = utf16Order(body);
  if (utf16 !== null) return decode(body, utf16, 'sniffed');

  const prolog = charsetLabel(prologEncoding(body));
  // A declaration readable as ASCII cannot be UTF-16; such documents are really UTF-8.
  if (prolog !== null && !prolog.startsWith('utf-16')) {
    if (labelOverruledByUtf8(prolog, body)) return decode(body, 'utf-8', 'sniffed');
    if (prolog !== 'utf-8' || isValidUtf8()) return decode(body, prolog, 'prolog');
    return decode(body, 'windows-1252', 'sniffed');
  }
  if (isValidUtf8()) return decode(body, 'utf-8', 'default');
  return decode(body, 'windows-1252', 'sniffed');
}
