/**
 * Character references for feed text. Feeds use a small part of HTML's 2,231 names;
 * this table covers the Latin-1 range, typography and what publishers were seen to use.
 * Unknown names are left as written, which is what a browser shows too.
 */

// Names of U+00A0 … U+00FF in code point order (HTML 4 / HTML 5 share them).
const latin1Names = [
  'nbsp', 'iexcl', 'cent', 'pound', 'curren', 'yen', 'brvbar', 'sect', 'uml', 'copy', 'ordf',
  'laquo', 'not', 'shy', 'reg', 'macr', 'deg', 'plusmn', 'sup2', 'sup3', 'acute', 'micro', 'para',
  'middot', 'cedil', 'sup1', 'ordm', 'raquo', 'frac14', 'frac12', 'frac34', 'iquest', 'Agrave',
  'Aacute', 'Acirc', 'Atilde', 'Auml', 'Aring', 'AElig', 'Ccedil', 'Egrave', 'Eacute', 'Ecirc',
  'Euml', 'Igrave', 'Iacute', 'Icirc', 'Iuml', 'ETH', 'Ntilde', 'Ograve', 'Oacute', 'Ocirc',
  'Otilde', 'Ouml', 'times', 'Oslash', 'Ugrave', 'Uacute', 'Ucirc', 'Uuml', 'Yacute', 'THORN',
  'szlig', 'agrave', 'aacute', 'acirc', 'atilde', 'auml', 'aring', 'aelig', 'ccedil', 'egrave',
  'eacute', 'ecirc', 'euml', 'igrave', 'iacute', 'icirc', 'iuml', 'eth', 'ntilde', 'ograve',
  'oacute', 'ocirc', 'otilde', 'ouml', 'divide', 'oslash', 'ugrave', 'uacute', 'ucirc', 'uuml',
  'yacute', 'thorn', 'yuml',
] as const;

const otherNames: Record<string, number> = {
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27,
  OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161, Yuml: 0x178, fnof: 0x192,
  circ: 0x2c6, tilde: 0x2dc, ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c,
  zwj: 0x200d, lrm: 0x200e, rlm: 0x200f, ndash: 0x2013, mdash: 0x2014, horbar: 0x2015,
  lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e,
  dagger: 0x2020, Dagger: 0x2021, bull: 0x2022, hellip: 0x2026, permil: 0x2030, prime: 0x2032,
  Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a, oline: 0x203e, frasl: 0x2044, euro: 0x20ac,
  trade: 0x2122, larr: 0x2190, uarr: 0x2191, rarr: 0x2192, darr: 0x2193, harr: 0x2194,
  minus: 0x2212, infin: 0x221e, ne: 0x2260, le: 0x2264, ge: 0x2265, asymp: 0x2248,
  hearts: 0x2665, check: 0x2713, star: 0x2606, nbhy: 0x2011, numsp: 0x2007, puncsp: 0x2008,
  hairsp: 0x200a, NewLine: 0x0a, Tab: 0x09,
  alpha: 0x3b1, beta: 0x3b2, gamma: 0x3b3, delta: 0x3b4, mu: 0x3bc, pi: 0x3c0, Delta: 0x394,
  Omega: 0x3a9, omega: 0x3c9, sigma: 0x3c3,
};

const named = new Map<string, string>();
latin1Names.forEach((name, index) => named.set(name, String.fromCharCode(0xa0 + index)));
for (const [name, code] of Object.entries(otherNames)) named.set(name, String.fromCodePoint(code));

/** The character a named reference stands for ("eacute" → "é"), if the table knows the name. */
export function namedCharacter(name: string): string | undefined {
  return named.get(name);
}

/** The longest name in the table; a longer reference cannot match, so scanning stops there. */
const maxEntityNameLength = Math.max(...[...named.keys()].map((name) => name.length));

/** Names a browser still decodes without the trailing semicolon (the common subset). */
const legacyWithoutSemicolon = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

// Windows-1252 meanings of C1 code points, as the HTML spec maps numeric references to them.
const c1Remap = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
  0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** A numeric reference's character, with the same repairs a browser makes. */
function codePointText(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return String.fromCharCode(c1Remap[code - 0x80] ?? code);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

export interface DecodedReference {
  text: string;
  /** Index just past the reference (and its `;`). */
  end: number;
  semicolon: boolean;
}

/**
 * Decodes the character reference whose name starts at `at` (just after `&`), or null when
 * there is none. `&amp;#8211;` and `&amp;eacute;` (double-escaped by a publisher's CMS)
 * decode all the way: nobody means to show a reader a literal `&#8211;`.
 */
export function decodeReferenceAt(s: string, at: number): DecodedReference | null {
  const first = decodeSingle(s, at);
  if (first === null || first.text !== '&' || !first.semicolon) return first;
  const inner = decodeSingle(s, first.end);
  return inner !== null && inner.semicolon ? inner : first;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

function decodeSingle(s: string, at: number): DecodedReference | null {
  const n = s.length;
  if (s.charCodeAt(at) === 35 /* # */) {
    let j = at + 1;
    const hex = s.charCodeAt(j) === 120 || s.charCodeAt(j) === 88;
    if (hex) j++;
    const digitsStart = j;
    let code = 0;
    while (j < n && j - digitsStart < 8) {
      const value = digitValue(s.charCodeAt(j), hex);
      if (value < 0) break;
      code = code * (hex ? 16 : 10) + value;
      j++;
    }
    if (j === digitsStart) return null;
    const semicolon = s.charCodeAt(j) === 59;
    return { text: codePointText(code), end: semicolon ? j + 1 : j, semicolon };
  }
  let j = at;
  while (j < n && j - at <= maxEntityNameLength && isAlphanumeric(s.charCodeAt(j))) j++;
  if (j === at) return null;
  const name = s.slice(at, j);
  const value = named.get(name);
  if (value === undefined) return null;
  const semicolon = s.charCodeAt(j) === 59;
  if (!semicolon && !legacyWithoutSemicolon.has(name)) return null;
  return { text: value, end: semicolon ? j + 1 : j, semicolon };
}

function digitValue(code: number, hex: boolean): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (!hex) return -1;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}
