import { sentenceOpeners } from './abbreviations.js';
import { findWithEnding } from './noun-endings.js';
import { type Token, tokenize } from './tokenize.js';

/** One way of writing a name, as it comes from config/places.yaml or config/actors.yaml. */
export interface LexiconAlias {
  /** Code or id the alias stands for; null for an ignore phrase that only blocks shorter matches. */
  id: string | null;
  /** Written as in edited text: Capitalized words must be capitalized, ACRONYMS all caps, lower case matches any case. */
  text: string;
  /** 'name': not when it looks like part of a person's name (a capitalized word right before or after). */
  guard?: 'name' | undefined;
  /** Counts only when one of these words or phrases is in the text, or the id is found by another alias. */
  context?: readonly string[] | undefined;
  /** Never counts when one of these words or phrases is in the text. */
  unless?: readonly string[] | undefined;
}

export interface Lexicon {
  aliases: readonly LexiconAlias[];
  /** Ids that another id brings along: a subdivision its country, an armed wing its movement. */
  implies?: Readonly<Record<string, readonly string[]>>;
}

// any case, Capitalized, UPPER, Capitalized-but-not-UPPER ("Xi" is not the numeral "XI")
type CaseRule = 0 | 1 | 2 | 3;
interface Candidate {
  id: string | null;
  rules: readonly CaseRule[];
  guard: boolean;
  context: readonly string[] | null;
  unless: readonly string[] | null;
}
interface TrieNode {
  next: Map<string, TrieNode>;
  candidates: Candidate[] | null;
}

// Capitalized words that may stand next to a guarded name without making it a person's name.
const neutralWords: ReadonlySet<string> = new Set([
  'the', 'of', 'in', 'to', 'from', 'for', 'and', 'or', 'with', 'at', 'on', 'by', 'as', 'into', 'across',
  'near', 'via', 'between', 'against', 'about', 'after', 'before', 'during', 'including', 'while',
  'said', 'says', 'told', 'visit', 'visits', 'visited', 'neighbouring', 'neighboring', 'but', 'both',
  // Titles come before surnames ("Vice President Vance") without making them someone else.
  'president', 'vice', 'minister', 'secretary', 'senator', 'sen', 'governor', 'gov', 'mr', 'mrs', 'ms', 'dr',
  'king', 'queen', 'prince', 'general', 'gen', 'chairman', 'leader', 'envoy', 'ambassador', 'commander', 'mayor',
]);

const verbForm = /(?:ing|ed)$/;

/** Splits an alias into comparison words; null when it contains a phrase break or no word. */
export function aliasWords(text: string): Token[] | null {
  const { tokens } = tokenize(text);
  if (tokens.length === 0 || tokens.some((token) => token.isBreak)) return null;
  return tokens;
}

function caseRuleOf(token: Token): CaseRule {
  if (token.upper && token.raw.replaceAll('.', '').length >= 2) return 2;
  if (token.capitalized && !token.upper && token.raw.length <= 3) return 3;
  return token.capitalized ? 1 : 0;
}

function phrase(text: string): string {
  return ` ${tokenize(text).tokens.map((token) => (token.isBreak ? '|' : token.norm)).join(' ')} `;
}

/**
 * Compiles names into a trie over folded words, matched longest-first in one
 * left-to-right pass: the cost per text is one tokenization plus a few map
 * lookups per word, however many names there are.
 */
export function compileLexicon(lexicon: Lexicon): (text: string) => string[] {
  const root: TrieNode = { next: new Map(), candidates: null };
  for (const alias of lexicon.aliases) {
    const words = aliasWords(alias.text);
    if (!words) continue;
    let node = root;
    for (const word of words) {
      let child = node.next.get(word.norm);
      if (!child) {
        child = { next: new Map(), candidates: null };
        node.next.set(word.norm, child);
      }
      node = child;
    }
    (node.candidates ??= []).push({
      id: alias.id,
      rules: words.map(caseRuleOf),
      guard: alias.guard === 'name',
      context: alias.context?.map(phrase) ?? null,
      unless: alias.unless?.map(phrase) ?? null,
    });
  }
  const implies = closeImplications(lexicon.implies ?? {});

  return (text: string): string[] => {
    const { tokens, titleCase } = tokenize(text);
    const hits = findHits(root, tokens, titleCase);
    if (hits.length === 0) return [];
    let joined: string | null = null;
    const has = (needle: string): boolean => {
      joined ??= ` ${tokens.map((token) => (token.isBreak ? '|' : token.norm)).join(' ')} `;
      return joined.includes(needle);
    };
    const found = new Set<string>();
    const deferred: Candidate[][] = [];
    for (const hit of hits) {
      const conditional: Candidate[] = [];
      for (const candidate of hit) {
        if (candidate.id === null || candidate.unless?.some(has)) continue;
        if (candidate.context) conditional.push(candidate);
        else found.add(candidate.id);
      }
      if (conditional.length > 0) deferred.push(conditional);
    }
    // An ambiguous alias ("RSF", "Georgia") takes the first reading whose id
    // is already established or whose context words are present.
    const established = new Set(found);
    for (const candidates of deferred) {
      const chosen = candidates.find(
        (candidate) => established.has(candidate.id as string) || (candidate.context ?? []).some(has),
      );
      if (chosen?.id) found.add(chosen.id);
    }
    for (const id of [...found]) for (const implied of implies.get(id) ?? []) found.add(implied);
    return [...found].sort();
  };
}

function findHits(root: TrieNode, tokens: readonly Token[], titleCase: boolean): Candidate[][] {
  const hits: Candidate[][] = [];
  const ends: TrieNode[] = [];
  const lengths: number[] = [];
  let i = 0;
  while (i < tokens.length) {
    const start = tokens[i] as Token;
    let node = start.isBreak ? undefined : step(root, start.norm);
    if (!node) {
      i += 1;
      continue;
    }
    ends.length = 0;
    lengths.length = 0;
    for (let j = i + 1; node; j += 1) {
      if (node.candidates) {
        ends.push(node);
        lengths.push(j - i);
      }
      const token = tokens[j];
      node = token && !token.isBreak ? step(node, token.norm) : undefined;
    }
    let advanced = false;
    for (let k = ends.length - 1; k >= 0 && !advanced; k -= 1) {
      const length = lengths[k] as number;
      const candidates = (ends[k] as TrieNode).candidates as Candidate[];
      const surviving = candidates.filter(
        (candidate) =>
          caseMatches(candidate.rules, tokens, i) && (!candidate.guard || titleCase || notAPersonName(tokens, i, length)),
      );
      if (surviving.length > 0) {
        hits.push(surviving);
        i += length;
        advanced = true;
      }
    }
    if (!advanced) i += 1;
  }
  return hits;
}

/** The next trie node for a word, or for the word less a case ending ("চীনের" → "চীন"). */
function step(node: TrieNode, word: string): TrieNode | undefined {
  return findWithEnding(word, (form) => node.next.get(form));
}

function caseMatches(rules: readonly CaseRule[], tokens: readonly Token[], start: number): boolean {
  for (let k = 0; k < rules.length; k += 1) {
    const rule = rules[k];
    const token = tokens[start + k] as Token;
    if (rule === 1 && !token.capitalized) return false;
    if (rule === 2 && !token.upper) return false;
    if (rule === 3 && (!token.capitalized || token.upper)) return false;
  }
  return true;
}

/** "Michael Jordan", "Chad Smith", "George Washington": a capitalized neighbour makes it a name. */
function notAPersonName(tokens: readonly Token[], start: number, length: number): boolean {
  const before = tokens[start - 1];
  const after = tokens[start + length];
  if (after && !after.isBreak && after.capitalized && !neutralWords.has(after.norm)) return false;
  if (!before || before.isBreak || !before.capitalized || neutralWords.has(before.norm)) return true;
  // At the start of a sentence a capitalized word is a first name ("George
  // Washington …") unless it is a function word or a verb form ("Visiting Jordan, …").
  return before.sentenceStart && (sentenceOpeners.has(before.norm) || (before.norm.length > 4 && verbForm.test(before.norm)));
}

function closeImplications(direct: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const closed = new Map<string, string[]>();
  for (const id of Object.keys(direct)) {
    const seen = new Set<string>();
    const queue = [...(direct[id] ?? [])];
    while (queue.length > 0) {
      const next = queue.pop() as string;
      if (seen.has(next) || next === id) continue;
      seen.add(next);
      queue.push(...(direct[next] ?? []));
    }
    closed.set(id, [...seen]);
  }
  return closed;
}
