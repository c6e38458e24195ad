import type { DecisionWeights, StoryClustererOptions } from './cluster-types.js';

/** Tuned on the dev half of data/labeled/stories (see scripts/eval-stories.ts). */
export const defaultWeights = {
  bestReport: 0.5,
  centroid: 0.3,
  title: 0.2,
  sharedSubdivision: 0.04,
  sharedActor: 0.02,
  subdivisionConflict: 0.08,
  numberConflict: 0.04,
  countryConflict: 0.05,
  gapPerDay: 0.1,
  minSharedEvidence: 1.5,
  thinEvidence: 0.1,
  threshold: 0.16,
} as const satisfies DecisionWeights;

export const defaultClusterOptions = {
  windowHours: 36, // hours
  weights: defaultWeights,
  maxCandidates: 24, // stories scored in full per item
  queryTerms: 10, // salient terms per item used for retrieval
  indexTerms: 12, // salient terms per report put in the index
  maxPostingLength: 4000, // stories; longer lists are too common to retrieve by
  comparedReports: 8, // first report + the 7 most recent
} as const satisfies Omit<Required<StoryClustererOptions>, 'onDecision'>;

export type ResolvedClusterOptions = Omit<Required<StoryClustererOptions>, 'weights' | 'onDecision'> & {
  weights: DecisionWeights;
  onDecision: StoryClustererOptions['onDecision'];
};

export function resolveClusterOptions(options: StoryClustererOptions): ResolvedClusterOptions {
  return {
    windowHours: options.windowHours,
    weights: { ...defaultWeights, ...options.weights },
    maxCandidates: options.maxCandidates ?? defaultClusterOptions.maxCandidates,
    queryTerms: options.queryTerms ?? defaultClusterOptions.queryTerms,
    indexTerms: options.indexTerms ?? defaultClusterOptions.indexTerms,
    maxPostingLength: options.maxPostingLength ?? defaultClusterOptions.maxPostingLength,
    comparedReports: options.comparedReports ?? defaultClusterOptions.comparedReports,
    onDecision: options.onDecision,
  };
}
