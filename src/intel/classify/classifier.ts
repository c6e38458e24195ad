import { compileWeights } from './compiled-weights.js';
import { type Contribution, formatContribution, type TopicExplanation } from './explanation.js';
import { lexiconFeature, sigmoid, wordScale } from './features.js';
import { type ItemText, itemEvidence } from './item-evidence.js';
import { compileLexicon, type LexiconHit } from './lexicon.js';
import { createTextAnalyzer, type TextAnalyzer } from './text-analyzer.js';
import type { TopicModel } from './topic-model.js';
import type { TopicsConfig } from './topics-config.js';

export type ClassifyInput = ItemText;

export interface ClassifyResult {
  /** Assigned topics, highest score first, at most `maxTopics`. */
  topics: string[];
  scores: Record<string, number>;
  /** For each assigned topic, its strongest positive contributions in readable form. */
  reasons: Record<string, string[]>;
  /** Every topic's score, contributions and deciding threshold; built on first access. */
  readonly explanation: TopicExplanation[];
  /** Notes on context rules that cancelled terms in this item. */
  cancelled: string[];
}

export interface Classifier {
  readonly topicIds: readonly string[];
  classify(input: ClassifyInput): ClassifyResult;
}

/**
 * A topic the model never saw is scored from its lexicon alone: one decisive term (weight 3)
 * lands at 0.5, two of them near 0.85. Chosen so an admin's new topic behaves like the trained
 * ones out of the box; `npm run train` replaces it with learned weights once data exists.
 */
export const LEXICON_ONLY = { scale: 3, midpoint: 3 } as const;

const MAX_REASONS = 5;
const MIN_REASON = 0.1;

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

interface TopicScorer {
  id: string;
  label: string;
  threshold: number;
  index: number;
  learned: { bias: number; lexicon: number; a: number; b: number } | null;
}

export function createClassifier(
  topics: TopicsConfig,
  model: TopicModel,
  deps: { analyzer?: TextAnalyzer } = {},
): Classifier {
  const analyzer = deps.analyzer ?? createTextAnalyzer();
  const lexicon = compileLexicon(topics, analyzer);
  const scorers: TopicScorer[] = topics.topics.map((topic, index) => {
    const learned = model.topics[topic.id];
    return {
      id: topic.id,
      label: topic.label,
      threshold: topic.threshold,
      index,
      learned: learned ? { bias: learned.bias, lexicon: learned.lexicon, a: learned.platt.a, b: learned.platt.b } : null,
    };
  });
  const weights = compileWeights(model, scorers.map((scorer) => scorer.id));

  const classify = (input: ClassifyInput): ClassifyResult => {
    const evidence = itemEvidence(input, analyzer, lexicon, { features: false });
    const present = weights.present(evidence.text, evidence.lexicon.masked);
    const scale = wordScale(evidence.text);
    // Scores first, with plain arithmetic; contributions (the costly part) only when asked for.
    const logits = scorers.map((scorer) => {
      const lexScore = evidence.lexicon.scores[scorer.index] ?? 0;
      if (!scorer.learned) return LEXICON_ONLY.scale * (lexiconFeature(lexScore) - lexiconFeature(LEXICON_ONLY.midpoint));
      const { bias, lexicon: lexWeight, a, b } = scorer.learned;
      let words = 0;
      for (const { vector } of present) words += vector[scorer.index] ?? 0;
      return a * (bias + lexWeight * lexiconFeature(lexScore) + scale * words) + b;
    });
    const scoreList = logits.map((logit) => round(sigmoid(logit)));
    const ranked = scorers
      .filter((scorer) => (scoreList[scorer.index] ?? 0) >= scorer.threshold)
      .sort((x, y) => (scoreList[y.index] ?? 0) - (scoreList[x.index] ?? 0) || x.id.localeCompare(y.id));
    const kept = ranked.slice(0, topics.maxTopics);
    const keptIds = new Set(kept.map((scorer) => scorer.id));

    const contributionsOf = (scorer: TopicScorer): Contribution[] => {
      const lexScore = evidence.lexicon.scores[scorer.index] ?? 0;
      const hits = evidence.lexicon.hits[scorer.index] ?? [];
      const contributions: Contribution[] = [];
      if (scorer.learned) {
        const { bias, lexicon: lexWeight, a, b } = scorer.learned;
        contributions.push({ kind: 'baseline', label: 'baseline', value: a * bias + b });
        splitLexicon(hits, lexScore, a * lexWeight * lexiconFeature(lexScore), contributions);
        for (const { feature, vector } of present) {
          const value = a * scale * (vector[scorer.index] ?? 0);
          if (value !== 0) contributions.push({ kind: 'word', label: model.display[feature] ?? feature, value });
        }
      } else {
        const baseline = -LEXICON_ONLY.scale * lexiconFeature(LEXICON_ONLY.midpoint);
        contributions.push({ kind: 'baseline', label: 'baseline', value: baseline });
        splitLexicon(hits, lexScore, LEXICON_ONLY.scale * lexiconFeature(lexScore), contributions);
      }
      return contributions.sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || x.label.localeCompare(y.label));
    };

    const scores: Record<string, number> = {};
    for (const scorer of scorers) scores[scorer.id] = scoreList[scorer.index] ?? 0;
    const reasons: Record<string, string[]> = {};
    for (const scorer of kept) {
      reasons[scorer.id] = contributionsOf(scorer)
        .filter((c) => c.kind !== 'baseline' && c.value >= MIN_REASON)
        .slice(0, MAX_REASONS)
        .map(formatContribution);
    }
    let explanation: TopicExplanation[] | null = null;
    const explain = (): TopicExplanation[] =>
      scorers.map((scorer) => {
        const score = scoreList[scorer.index] ?? 0;
        const passes = score >= scorer.threshold;
        const comparison = `${score.toFixed(2)} ${passes ? '≥' : '<'} threshold ${scorer.threshold.toFixed(2)}`;
        const assigned = keptIds.has(scorer.id);
        return {
          topic: scorer.id,
          label: scorer.label,
          score,
          threshold: scorer.threshold,
          assigned,
          decision: passes && !assigned ? `${comparison}, but only the top ${topics.maxTopics} topics are kept` : comparison,
          source: scorer.learned ? 'model+lexicon' : 'lexicon only',
          lexiconScore: round(evidence.lexicon.scores[scorer.index] ?? 0),
          contributions: contributionsOf(scorer),
        };
      });
    return {
      topics: kept.map((scorer) => scorer.id),
      scores,
      reasons,
      get explanation(): TopicExplanation[] {
        explanation ??= explain();
        return explanation;
      },
      cancelled: evidence.lexicon.cancelled,
    };
  };

  return { topicIds: scorers.map((scorer) => scorer.id), classify };
}

/** Shares the lexicon's part of the logit among the hits that produced it, by their weight. */
function splitLexicon(hits: readonly LexiconHit[], lexScore: number, lexPart: number, out: Contribution[]): void {
  if (hits.length === 0 || lexScore === 0) return;
  for (const hit of hits) {
    out.push({ kind: hit.kind, label: hit.label, value: (lexPart * hit.value) / lexScore });
  }
}
