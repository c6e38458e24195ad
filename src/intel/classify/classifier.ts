import { type Contribution, formatContribution, type TopicExplanation } from './explanation.js';
import { lexiconFeature, sigmoid } from './features.js';
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
  explanation: TopicExplanation[];
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
  /** feature key → weight per topic index (0 where the topic has none). */
  const weights = new Map<string, Float64Array>();
  for (const scorer of scorers) {
    const learned = model.topics[scorer.id];
    if (!learned) continue;
    for (const [feature, weight] of Object.entries(learned.weights)) {
      let vector = weights.get(feature);
      if (!vector) {
        vector = new Float64Array(scorers.length);
        weights.set(feature, vector);
      }
      vector[scorer.index] = weight;
    }
  }

  const classify = (input: ClassifyInput): ClassifyResult => {
    const evidence = itemEvidence(input, analyzer, lexicon);
    const present: Array<[string, Float64Array]> = [];
    for (const feature of evidence.features) {
      const vector = weights.get(feature);
      if (vector) present.push([feature, vector]);
    }
    const explanation: TopicExplanation[] = scorers.map((scorer) => {
      const lexScore = evidence.lexicon.scores[scorer.index] ?? 0;
      const hits = evidence.lexicon.hits[scorer.index] ?? [];
      const contributions: Contribution[] = [];
      let logit: number;
      if (scorer.learned) {
        const { bias, lexicon: lexWeight, a, b } = scorer.learned;
        const lexPart = a * lexWeight * lexiconFeature(lexScore);
        logit = a * bias + b + lexPart;
        contributions.push({ kind: 'baseline', label: 'baseline', value: a * bias + b });
        splitLexicon(hits, lexScore, lexPart, contributions);
        for (const [feature, vector] of present) {
          const value = a * (vector[scorer.index] ?? 0);
          if (value === 0) continue;
          logit += value;
          contributions.push({ kind: 'word', label: model.display[feature] ?? feature, value });
        }
      } else {
        const lexPart = LEXICON_ONLY.scale * lexiconFeature(lexScore);
        const baseline = -LEXICON_ONLY.scale * lexiconFeature(LEXICON_ONLY.midpoint);
        logit = baseline + lexPart;
        contributions.push({ kind: 'baseline', label: 'baseline', value: baseline });
        splitLexicon(hits, lexScore, lexPart, contributions);
      }
      contributions.sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || x.label.localeCompare(y.label));
      const score = round(sigmoid(logit));
      return {
        topic: scorer.id,
        label: scorer.label,
        score,
        threshold: scorer.threshold,
        assigned: score >= scorer.threshold,
        decision: '',
        source: scorer.learned ? 'model+lexicon' : 'lexicon only',
        lexiconScore: round(lexScore),
        contributions,
      };
    });

    const ranked = explanation
      .filter((entry) => entry.assigned)
      .sort((x, y) => y.score - x.score || x.topic.localeCompare(y.topic));
    const kept = new Set(ranked.slice(0, topics.maxTopics).map((entry) => entry.topic));
    for (const entry of explanation) {
      const comparison = `${entry.score.toFixed(2)} ${entry.assigned ? '≥' : '<'} threshold ${entry.threshold.toFixed(2)}`;
      if (entry.assigned && !kept.has(entry.topic)) {
        entry.assigned = false;
        entry.decision = `${comparison}, but only the top ${topics.maxTopics} topics are kept`;
      } else entry.decision = comparison;
    }

    const scores: Record<string, number> = {};
    const reasons: Record<string, string[]> = {};
    for (const entry of explanation) scores[entry.topic] = entry.score;
    const assigned = ranked.filter((entry) => kept.has(entry.topic));
    for (const entry of assigned) {
      reasons[entry.topic] = entry.contributions
        .filter((c) => c.kind !== 'baseline' && c.value >= MIN_REASON)
        .slice(0, MAX_REASONS)
        .map(formatContribution);
    }
    return { topics: assigned.map((entry) => entry.topic), scores, reasons, explanation, cancelled: evidence.lexicon.cancelled };
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
