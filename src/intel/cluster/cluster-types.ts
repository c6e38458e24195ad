import { z } from 'zod';
import type { Story } from '../../domain/story.js';
import type { BackgroundFrequencies } from './vocabulary.js';

/** One annotated item as the clusterer sees it (CONTRACTS.md, issue 4). */
export interface ClusterInput {
  id: string;
  title: string;
  summary: string;
  /** Outlet name shown to people. */
  source: string;
  feedId: string;
  link: string | null;
  /** ISO 8601 time; items are expected in published order. */
  published: string;
  topics: string[];
  scores: Record<string, number>;
  /** ISO 3166 codes from the place tagger ("AF", "AF-KDZ"). */
  places: string[];
  /** Actor ids from the actor tagger ("taliban", "unsc"). */
  actors: string[];
}

export interface ClusterResult {
  story: Story;
  created: boolean;
  /**
   * Stories the item showed to be this one (it matched both): they are merged into
   * `story` and gone from the clusterer. Their ids should now lead to `story`.
   */
  absorbed: string[];
}

/** How much each piece of evidence counts; defaults in cluster-options.ts. */
export interface DecisionWeights {
  /** Best cosine between the item and one of the story's reports (title + lede). */
  bestReport: number;
  /** Cosine between the item and the story's merged vocabulary. */
  centroid: number;
  /** Best headline-to-headline cosine. */
  title: number;
  /** Best item-to-report cosine without names and countries: is it the same kind of happening? */
  event: number;
  /** Penalty when the event cosine is below minEvent. */
  weakEvent: number;
  minEvent: number;
  /** Penalty when the headline announces another incident ("another attack"). */
  novelty: number;
  /** Bonus per shared subnational place (at most two count). */
  sharedSubdivision: number;
  /** Bonus per shared actor (at most two count). */
  sharedActor: number;
  /** Penalty when both name subdivisions of one country and none is shared. */
  subdivisionConflict: number;
  /** Penalty when both headlines carry numbers and none is shared. */
  numberConflict: number;
  /** Penalty when the item names a country the story never did and vice versa. */
  countryConflict: number;
  /** Penalty per dimension (incident, venue) where both headlines name kinds and share none. */
  kindConflict: number;
  /** Bonus when both name the same singular disaster (an earthquake) in the same country. */
  sharedDisaster: number;
  /** Bonus when the item is a post of a live page the story already has posts of. */
  sameLivePage: number;
  /** Penalty when the story already has a report from the item's feed (live-page posts excepted). */
  sameFeed: number;
  /** Hours after a story's last report during which time costs nothing. */
  gapGraceHours: number;
  /** Penalty reached when the gap since the story's last report is a full day. */
  gapPerDay: number;
  /** Below this much shared rare-term evidence a match counts as thin. */
  minSharedEvidence: number;
  /** Penalty for a thin match. */
  thinEvidence: number;
  /** Score an item needs to join the best candidate story. */
  threshold: number;
  /**
   * How much a story's reports beyond its first count in word rarity: 0 counts stories
   * (a live blog's subject stays rare), 1 counts every report (a place in the news all
   * day becomes common). Read once, when the clusterer is created.
   */
  reportWeight: number;
  /** Score another candidate needs, besides the best, for the item to merge the two stories. */
  mergeThreshold: number;
}

export interface StoryClustererOptions {
  /** Reports older than this (hours, by published time) no longer attract new ones. */
  windowHours: number;
  weights?: Partial<DecisionWeights>;
  /** Reference document frequencies for the IDF (see Vocabulary); without them the IDF is the window's alone. */
  background?: BackgroundFrequencies;
  /** Stories retrieved from the inverted index per item. */
  maxCandidates?: number;
  /** Of those, the stories (closest by centroid) scored on every piece of evidence. */
  fullyScored?: number;
  /** Salient terms of an item used to look up candidates. */
  queryTerms?: number;
  /** Terms of a report added to the inverted index. */
  indexTerms?: number;
  /** Posting lists longer than this are too common to retrieve by. */
  maxPostingLength?: number;
  /** Reports of one story kept for item-to-report comparison (first + most recent). */
  comparedReports?: number;
  /** Called with every candidate's evidence, for `explain`-style tooling and tuning. */
  onDecision?: (trace: DecisionTrace) => void;
}

export interface DecisionTrace {
  itemId: string;
  candidates: { storyId: string; features: MatchFeatures }[];
  joined: string | null;
}

/** The evidence for and against one item joining one story. */
export interface MatchFeatures {
  bestReport: number;
  centroid: number;
  title: number;
  event: number;
  novelty: boolean;
  sharedSubdivisions: number;
  sharedActors: number;
  subdivisionConflict: boolean;
  numberConflict: boolean;
  countryConflict: boolean;
  /** Dimensions (incident, venue) where the item's and the story's headlines name different kinds. */
  kindConflicts: number;
  /** Both name the same singular disaster in a country both are tagged with. */
  sharedDisaster: boolean;
  /** The item and the story have posts on one live page. */
  sameLivePage: boolean;
  /** The story already has a report from the item's feed. */
  sameFeed: boolean;
  gapHours: number;
  /** Shared terms weighted by rarity (1 = one never-seen word). */
  sharedEvidence: number;
  score: number;
}

/** Per-report evidence kept with a persisted story so the clusterer can be rebuilt. */
export const reportEvidenceSchema = z.object({
  title: z.array(z.string()),
  lede: z.array(z.string()),
  places: z.array(z.string()),
  actors: z.array(z.string()),
  names: z.array(z.string()).default([]),
  novelty: z.boolean().default(false),
  /** The live page the report is a post of (live-page.ts), if any. */
  livePage: z.string().nullable().default(null),
});
export type ReportEvidence = z.infer<typeof reportEvidenceSchema>;

const storyReportSchema = z.object({
  itemId: z.string(),
  feedId: z.string(),
  source: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  published: z.string(),
});

export const storySchema = z.object({
  id: z.string(),
  firstReport: storyReportSchema,
  reports: z.array(storyReportSchema),
  reportCount: z.number().int().positive().optional(),
  topics: z.array(z.string()),
  scores: z.record(z.string(), z.number()),
  places: z.array(z.string()),
  actors: z.array(z.string()),
  firstSeen: z.string(),
  lastUpdated: z.string(),
});

/** What is stored per story: the record plus the evidence of each report, in order. */
export const storySnapshotSchema = z.object({
  story: storySchema,
  evidence: z.array(reportEvidenceSchema),
});
export type StorySnapshot = z.infer<typeof storySnapshotSchema>;

export interface StoryClusterer {
  /** Adds one item: it joins the best matching story in the window or starts one. */
  add(input: ClusterInput): ClusterResult;
  /** The persistable state of a live story (undefined once it aged out). */
  snapshot(storyId: string): StorySnapshot | undefined;
  /**
   * Rebuilds stories from snapshots (any order). Stories already out of the window,
   * measured from `nowMs` (default: the latest restored report), are skipped.
   */
  restore(snapshots: Iterable<StorySnapshot>, nowMs?: number): void;
  /** Stories whose last report is still inside the window. */
  readonly liveStories: number;
  /** Reports held by live stories. */
  readonly liveReports: number;
}
