import type { TopicsConfig } from './topics-config.js';
import { type AnalyzedText, BREAK, type TextAnalyzer } from './text-analyzer.js';

/** One piece of lexicon evidence for one topic, ready to show as a reason. */
export interface LexiconHit {
  kind: 'term' | 'phrase' | 'rule' | 'tag';
  /** What the admin wrote: the term, the rule's name, the source tag. */
  label: string;
  /** Evidence added to the topic's lexicon score (weight, title bonus applied). */
  value: number;
}

export interface LexiconEvidence {
  /** Lexicon score per topic, in config order. */
  scores: number[];
  hits: LexiconHit[][];
  /** 1 where a rule cancelled the token: no single-word term and no model unigram there. */
  masked: Uint8Array;
  /** Human-readable notes on cancellations ("'security' cancelled by rule …"). */
  cancelled: string[];
}

interface Pattern {
  keys: string[];
  joined: string;
  kind: 'term' | 'rule-phrase' | 'rule-context';
  /** Index into terms or rules. */
  ref: number;
}

interface CompiledTerm {
  topic: number;
  text: string;
  joinedKeys: string;
  single: boolean;
  weight: number;
}

interface CompiledRule {
  name: string;
  minHits: number;
  /** Single-word cancels as keys; multi-word cancels as joined keys (they cancel equal terms). */
  cancel: Set<string>;
  add: Array<{ topic: number; weight: number }>;
  isContext: boolean;
}

export interface CompiledLexicon {
  topicIds: string[];
  match(text: AnalyzedText, titleLength: number, sourceTags: readonly string[]): LexiconEvidence;
}

/** A term seen in the title counts this much more: headlines state what an item is about. */
const TITLE_BONUS = 1.5;
/** A term repeated in the text counts this much more, once: repetition is weak extra evidence. */
const REPEAT_BONUS = 1.25;

export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** "World > Middle East" → the whole tag and each part. */
function tagVariants(tag: string): string[] {
  const whole = normalizeTag(tag);
  const parts = whole.split(/\s*[>/|]\s*/).filter((part) => part && part !== whole);
  return [whole, ...parts];
}

export function compileLexicon(config: TopicsConfig, analyzer: TextAnalyzer): CompiledLexicon {
  const topicIds = config.topics.map((topic) => topic.id);
  const topicIndex = new Map(topicIds.map((id, index) => [id, index]));
  const terms: CompiledTerm[] = [];
  const rules: CompiledRule[] = [];
  const byFirstKey = new Map<string, Pattern[]>();
  const tagRules = new Map<string, Array<{ topic: number; weight: number; label: string }>>();

  const addPattern = (keys: string[], kind: Pattern['kind'], ref: number): void => {
    const first = keys[0];
    if (first === undefined) return;
    const list = byFirstKey.get(first) ?? [];
    list.push({ keys, joined: keys.join(' '), kind, ref });
    byFirstKey.set(first, list);
  };

  config.topics.forEach((topic, index) => {
    // "meet"/"meeting" and "diplomat"/"diplomatic" share a stem: count such a pair once, at its
    // larger weight, so writing both forms in topics.yaml never doubles the evidence.
    const byKeys = new Map<string, number>();
    for (const [text, weight] of Object.entries(topic.terms)) {
      const keys = analyzer.keysOf(text);
      if (keys.length === 0) continue;
      const joinedKeys = keys.join(' ');
      const existing = byKeys.get(joinedKeys);
      const previous = existing === undefined ? undefined : terms[existing];
      if (previous) {
        if (Math.abs(weight) > Math.abs(previous.weight)) terms[existing as number] = { ...previous, text, weight };
        continue;
      }
      terms.push({ topic: index, text, joinedKeys, single: keys.length === 1, weight });
      byKeys.set(joinedKeys, terms.length - 1);
      addPattern(keys, 'term', terms.length - 1);
    }
    for (const [tag, weight] of Object.entries(topic.sourceTags)) {
      const key = normalizeTag(tag);
      const list = tagRules.get(key) ?? [];
      list.push({ topic: index, weight, label: tag });
      tagRules.set(key, list);
    }
  });

  config.rules.forEach((rule) => {
    const ref = rules.length;
    rules.push({
      name: rule.name,
      minHits: rule.minHits,
      cancel: new Set(rule.cancel.map((text) => analyzer.keysOf(text).join(' '))),
      add: Object.entries(rule.add).map(([id, weight]) => ({ topic: topicIndex.get(id) ?? -1, weight })),
      isContext: rule.context !== undefined,
    });
    for (const phrase of rule.phrase ?? []) addPattern(analyzer.keysOf(phrase), 'rule-phrase', ref);
    for (const term of rule.context ?? []) addPattern(analyzer.keysOf(term), 'rule-context', ref);
  });

  const match = (text: AnalyzedText, titleLength: number, sourceTags: readonly string[]): LexiconEvidence => {
    const { keys } = text;
    const masked = new Uint8Array(keys.length);
    /** Rule index + 1 of the rule that cancelled each token, for the explanation. */
    const maskedBy = new Int32Array(keys.length);
    /** Flat (term, start) pairs: no object per hit on the hot path. */
    const termHits: number[] = [];
    // Rules fire on few items: their maps are created only when one does.
    let ruleSpans: Map<number, Array<[number, number]>> | null = null;
    let contextHits: Map<number, Set<string>> | null = null;

    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i];
      if (key === undefined || key === BREAK) continue;
      const patterns = byFirstKey.get(key);
      if (!patterns) continue;
      for (const pattern of patterns) {
        if (!matchesAt(keys, i, pattern.keys)) continue;
        if (pattern.kind === 'term') termHits.push(pattern.ref, i);
        else if (pattern.kind === 'rule-phrase') {
          ruleSpans ??= new Map();
          const spans = ruleSpans.get(pattern.ref) ?? [];
          spans.push([i, i + pattern.keys.length]);
          ruleSpans.set(pattern.ref, spans);
        } else {
          contextHits ??= new Map();
          const seen = contextHits.get(pattern.ref) ?? new Set<string>();
          seen.add(pattern.joined);
          contextHits.set(pattern.ref, seen);
        }
      }
    }

    const scores = topicIds.map(() => 0);
    const hits: LexiconHit[][] = topicIds.map(() => []);
    const cancelled: string[] = [];
    const cancelledPhrases = new Map<string, string>();
    const firedRules: number[] = [];

    for (const [ref, spans] of ruleSpans ?? []) {
      const rule = rules[ref];
      if (!rule) continue;
      firedRules.push(ref);
      for (const [start, end] of spans) {
        for (let i = start; i < end; i += 1) {
          if (rule.cancel.has(keys[i] ?? BREAK)) {
            masked[i] = 1;
            maskedBy[i] = ref + 1;
          }
        }
      }
    }
    for (const [ref, seen] of contextHits ?? []) {
      const rule = rules[ref];
      if (!rule || seen.size < rule.minHits) continue;
      firedRules.push(ref);
      for (let i = 0; i < keys.length; i += 1) {
        if (rule.cancel.has(keys[i] ?? BREAK)) {
          masked[i] = 1;
          maskedBy[i] = ref + 1;
        }
      }
      for (const entry of rule.cancel) if (entry.includes(' ')) cancelledPhrases.set(entry, rule.name);
    }
    firedRules.sort((a, b) => a - b);
    for (const ref of firedRules) {
      const rule = rules[ref];
      if (!rule) continue;
      for (const { topic, weight } of rule.add) {
        if (topic < 0) continue;
        scores[topic] = (scores[topic] ?? 0) + weight;
        hits[topic]?.push({ kind: 'rule', label: rule.name, value: weight });
      }
    }

    const perTerm = new Map<number, { count: number; inTitle: boolean; cancelledBy: string | null }>();
    for (let h = 0; h < termHits.length; h += 2) {
      const term = termHits[h] ?? -1;
      const start = termHits[h + 1] ?? 0;
      const compiled = terms[term];
      if (!compiled) continue;
      const cancelledBy = compiled.single
        ? (rules[(maskedBy[start] ?? 0) - 1]?.name ?? null)
        : (cancelledPhrases.get(compiled.joinedKeys) ?? null);
      const entry = perTerm.get(term) ?? { count: 0, inTitle: false, cancelledBy };
      if (cancelledBy === null) {
        entry.count += 1;
        entry.cancelledBy = null;
        if (start < titleLength) entry.inTitle = true;
      }
      perTerm.set(term, entry);
    }
    const sortedTerms = [...perTerm.keys()].sort((a, b) => a - b);
    for (const term of sortedTerms) {
      const entry = perTerm.get(term);
      const compiled = terms[term];
      if (!entry || !compiled) continue;
      if (entry.count === 0) {
        cancelled.push(`'${compiled.text}' (${topicIds[compiled.topic]}) cancelled by rule: ${entry.cancelledBy ?? 'context'}`);
        continue;
      }
      const value = compiled.weight * (entry.inTitle ? TITLE_BONUS : 1) * (entry.count > 1 ? REPEAT_BONUS : 1);
      scores[compiled.topic] = (scores[compiled.topic] ?? 0) + value;
      hits[compiled.topic]?.push({ kind: compiled.single ? 'term' : 'phrase', label: compiled.text, value });
    }

    const seenTags = new Set<string>();
    for (const tag of sourceTags) {
      for (const variant of tagVariants(tag)) {
        if (seenTags.has(variant)) continue;
        seenTags.add(variant);
        for (const rule of tagRules.get(variant) ?? []) {
          scores[rule.topic] = (scores[rule.topic] ?? 0) + rule.weight;
          hits[rule.topic]?.push({ kind: 'tag', label: tag.trim(), value: rule.weight });
        }
      }
    }
    return { scores, hits, masked, cancelled };
  };

  return { topicIds, match };
}

function matchesAt(keys: readonly string[], start: number, pattern: readonly string[]): boolean {
  if (start + pattern.length > keys.length) return false;
  for (let j = 0; j < pattern.length; j += 1) {
    if (keys[start + j] !== pattern[j]) return false;
  }
  return true;
}
