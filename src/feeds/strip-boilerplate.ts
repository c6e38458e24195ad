/**
 * Publisher boilerplate at the end of a summary: WordPress's "The post … appeared first on …",
 * "Continue reading …", "Read more", "[…]" and their kin. Only the tail is examined (a bounded
 * window), so cost does not grow with the article, and a phrase is cut only where it ends the text.
 */
const tailWindow = 240;

// Each pattern runs only when its cheap precondition holds; most summaries end in plain prose.
const bracketTail = /\s*(?:\[\s*(?:…|\.\.\.|&hellip;)\s*\]|\((?:more|read more)\s*(?:…|\.\.\.)?\))\s*$/i;
const phraseTail = /(?:^|[.!?:;)»"”'’…\]\n])\s*(?:continue reading|read more|read the (?:full|rest of (?:the|this)) (?:story|article|post)|read full (?:story|article)|keep reading|leia mais|leer más|lire la suite|weiterlesen|continua a leggere|leggi tutto|читать далее)\b[^\n]{0,160}$/i;
const bareTail = /\s(?:continue reading|read more|keep reading)\s*(?:…|\.\.\.|»|→|>>)?\s*$/i;
const arrowTail = /\s*(?:»|→|&raquo;)\s*$/;
/** Fragments of every phrase above: one literal scan decides whether the phrase patterns run. */
const phraseHint = /ead (?:more|the|full)|ontinu|eep read|eia mais|eer más|ire la suite|eiterlesen|eggi|итать/i;

function patternsFor(tail: string): RegExp[] {
  const patterns: RegExp[] = [];
  const last = tail.charCodeAt(tail.length - 1);
  if (last === 93 /* ] */ || last === 41 /* ) */) patterns.push(bracketTail);
  if (phraseHint.test(tail)) patterns.push(phraseTail, bareTail);
  if (last === 0xbb /* » */ || last === 0x2192 /* → */ || last === 59 /* ; */) patterns.push(arrowTail);
  return patterns;
}

function stripPostAppearedFirst(text: string): string {
  const at = text.lastIndexOf('The post ');
  if (at < 0 || text.length - at > 600) return text;
  return text.indexOf(' appeared first on ', at) > at ? text.slice(0, at) : text;
}

export function stripBoilerplate(text: string): string {
  let result = stripPostAppearedFirst(text).trimEnd();
  for (let pass = 0; pass < 3; pass++) {
    const offset = Math.max(0, result.length - tailWindow);
    // A window that starts mid-text gets a sentinel so `^` cannot pass for a sentence start.
    const sentinel = offset > 0 ? 1 : 0;
    const tail = (sentinel === 1 ? '\u0000' : '') + result.slice(offset);
    let cut = -1;
    for (const pattern of patternsFor(tail)) {
      const match = pattern.exec(tail);
      if (match !== null) {
        // Keep the punctuation the pattern used as its left boundary.
        const lead = /^[.!?:;)»"”'’…\]]/.test(match[0]) ? 1 : 0;
        cut = offset - sentinel + match.index + lead;
        break;
      }
    }
    if (cut < 0) break;
    result = result.slice(0, cut).trimEnd();
  }
  return result;
}
