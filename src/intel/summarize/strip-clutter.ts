const agencies =
  'Reuters|AP|AFP|ANI|IANS|PTI|UNI|UNB|BSS|APP|Xinhua|dpa|DPA|UPI|Bloomberg|Sputnik|TASS|Interfax|RIA Novosti|Anadolu|WAM|SPA|KUNA|QNA|MENA|SANA|IRNA|Pajhwok|Tolonews|ReliefWeb|CNN|BBC|Al Jazeera|APA|Kyodo|Yonhap|ANSA|EFE|Lusa|Belga|Bernama|Antara|AAP|PA|CP';

// Each pattern removes one piece of clutter from the start of the text; they
// are applied until none matches, so "By Jane Doe | KABUL, Aug 10 (Reuters) -" goes.
const leadingClutter: readonly RegExp[] = [
  // "date 2021-08-10", "2021-08-10T09:00Z -"
  /^(?:date:?\s*)?\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\s*[-–—:|]?\s+/u,
  // "By Jane Doe |", "By Jane Doe and John Roe, Reuters —"
  /^By\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:(?:and|&)\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4})?(?:,\s*\p{Lu}[\p{L} .]{0,40}?)?\s*[|•·–—-]\s*/u,
  // "KABUL, Aug 10 (Reuters) -", "(ANI):", "Kyiv, Ukraine (AP) —"
  new RegExp(`^[^()\\n]{0,80}?\\((?:${agencies})\\)\\s*[-–—:]+\\s*`, 'u'),
  new RegExp(`^\\(?(?:${agencies})\\)?\\s*[|:–—]\\s*`, 'u'),
  // "WASHINGTON —", "KYIV, Ukraine —", "WASHINGTON, Aug 10 —"
  /^\p{Lu}{3,}[\p{Lu} .'’-]{0,30}(?:,\s*[\p{L} .]{1,30}?)?(?:,?\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:[–—]|--?)\s+/u,
];

const trailingClutter: readonly RegExp[] = [
  new RegExp(`\\s*[-–—]?\\s*\\((?:${agencies})\\)\\s*$`, 'u'),
  new RegExp(`\\s+[-–—]\\s*(?:${agencies})\\s*$`, 'u'),
  /\s*(?:\[(?:…|\.\.\.)\]|…\s*(?:read|continue) more|continue reading\.*|read more\.*|\(more\)|\[more\])\s*$/iu,
];

/**
 * The text as whitespace-collapsed blocks (paragraphs, and lines that stand
 * alone) without datelines, bylines and agency tags. Only whole prefixes and
 * suffixes are removed, so every sentence left is still a substring of the
 * whitespace-collapsed source.
 */
export function stripClutter(text: string): string[] {
  const blocks: string[] = [];
  for (const paragraph of text.split(/\n[ \t\r\f\v]*\n/)) {
    for (const block of joinWrappedLines(paragraph.split('\n'))) {
      const cleaned = stripTrailing(stripLeading(block.replace(/\s+/g, ' ').trim()));
      if (cleaned.length > 0) blocks.push(cleaned);
    }
  }
  return blocks;
}

const continues = /[,;:(\-–—]\s*$|\b(?:and|or|of|the|a|an|to|in|on|for|with|by|at|from)\s*$/u;
const startsLowercase = /^\s*\p{Ll}/u;

/**
 * A line break inside a paragraph separates a deck, a bullet or a heading
 * from what follows ("… disguised contempt⏎Donald Trump has …"), unless the
 * line visibly runs on into the next one (a hard-wrapped sentence).
 */
function joinWrappedLines(lines: readonly string[]): string[] {
  const blocks: string[] = [];
  for (const line of lines) {
    const previous = blocks[blocks.length - 1];
    if (previous !== undefined && (continues.test(previous) || startsLowercase.test(line))) {
      blocks[blocks.length - 1] = `${previous} ${line}`;
    } else blocks.push(line);
  }
  return blocks.filter((block) => block.trim().length > 0);
}

/** Cheap test that a block may start with clutter, so most blocks skip the patterns. */
function mayHaveLeadingClutter(block: string): boolean {
  const head = block.slice(0, 100);
  return (
    head.includes('(') ||
    head.includes('—') ||
    head.includes('–') ||
    head.includes(' -') ||
    head.includes('|') ||
    head.includes('•') ||
    head.includes('·') ||
    head.includes(':') ||
    /^(?:\d|date)/i.test(head)
  );
}

function stripLeading(paragraph: string): string {
  if (!mayHaveLeadingClutter(paragraph)) return paragraph;
  let text = paragraph;
  for (let pass = 0; pass < 4; pass += 1) {
    const before = text;
    for (const pattern of leadingClutter) text = text.replace(pattern, '');
    if (text === before) break;
  }
  return text;
}

/** Clutter sits in the last few dozen characters; matching only there keeps long paragraphs cheap. */
const tailLength = 80;

function stripTrailing(paragraph: string): string {
  let text = paragraph;
  for (const pattern of trailingClutter) {
    const offset = Math.max(0, text.length - tailLength);
    const match = pattern.exec(text.slice(offset));
    if (match) text = text.slice(0, offset + match.index);
  }
  return text.trim();
}
