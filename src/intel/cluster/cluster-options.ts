import type { DecisionWeights, StoryClustererOptions } from './cluster-types.js';

/**
 * Tuned on the dev half of data/labeled/stories (scripts/eval-stories.ts), with the
 * reference frequencies of data/model/story-idf.json behind the IDF. Shared places
 * and actors earn no bonus: place names already count as terms, and a bonus merged
 * different events in one province; tagged places still count against a match as conflicts.
 */
export const defaultWeights = {
  bestReport: 0.44,
  centroid: 0.3,
  title: 0.2,
  event: 0.15,
  weakEvent: 0.07,
  minEvent: 0.11,
  novelty: 0.1,
  sharedSubdivision: 0,
  sharedActor: 0,
  subdivisionConflict: 0.08,
  numberConflict: 0.04,
  countryConflict: 0.12,
  kindConflict: 0.3,
  sharedDisaster: 0.12,
  sameLivePage: 0.5,
  sameFeed: 0.03,
  gapGraceHours: 6,
  gapPerDay: 0.23,
  minSharedEvidence: 1.5,
  thinEvidence: 0.1,
  threshold: 0.195,
  reportWeight: 0,
  mergeThreshold: 0.4,
} as const satisfies DecisionWeights;

export const defaultClusterOptions = {
  windowHours: 36, // hours
  weights: defaultWeights,
  maxCandidates: 16, // stories retrieved per item
  fullyScored: 4, // of those, closest by centroid, scored on all evidence
  queryTerms: 8, // salient terms per item used for retrieval
  indexTerms: 12, // salient terms per report put in the index
  maxPostingLength: 200, // stories; a term shared by more live stories is too common to retrieve by
  comparedReports: 6, // first report + the 5 most recent
} as const satisfies Omit<Required<StoryClustererOptions>, 'onDecision' | 'background'>;

export type ResolvedClusterOptions = Omit<Required<StoryClustererOptions>, 'weights' | 'onDecision' | 'background'> & {
  weights: DecisionWeights;
  onDecision: StoryClustererOptions['onDecision'];
  background: StoryClustererOptions['background'];
};

export function resolveClusterOptions(options: StoryClustererOptions): ResolvedClusterOptions {
  return {
    windowHours: options.windowHours,
    weights: { ...defaultWeights, ...options.weights },
    maxCandidates: options.maxCandidates ?? defaultClusterOptions.maxCandidates,
    fullyScored: options.fullyScored ?? defaultClusterOptions.fullyScored,
    queryTerms: options.queryTerms ?? defaultClusterOptions.queryTerms,
    indexTerms: options.indexTerms ?? defaultClusterOptions.indexTerms,
    maxPostingLength: options.maxPostingLength ?? defaultClusterOptions.maxPostingLength,
    comparedReports: options.comparedReports ?? defaultClusterOptions.comparedReports,
    onDecision: options.onDecision,
    background: options.background,
  };
}
