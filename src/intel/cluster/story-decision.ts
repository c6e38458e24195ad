import type { DecisionWeights, MatchFeatures } from './cluster-types.js';
import { sharesKind } from './event-kinds.js';
import { cachedNorm, cosine, type IdfLookup, type NormCache, type SparseVector } from './sparse-vector.js';
import type { ComparableVectors, PreparedReport, StoryState } from './story-state.js';

/**
 * Words a cross-script match must share, numbers not counted: one shared word
 * ("energy", "Canada") is a coincidence once all the report's own-script words are
 * set aside, and the cosine over what is left would make it look like agreement.
 */
const minCrossScriptWords = 2;

/** Sums `weigh` over the ids two sorted id lists share. */
function sumOverShared(a: Int32Array, b: Int32Array, weigh: (id: number) => number): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      sum += weigh(x);
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return sum;
}

const one = (): number => 1;

type Comparable = Omit<ComparableVectors, 'words'>;

/**
 * Cosines of two reports in different scripts over the words both can have: each
 * side without the words of its own script. Null when they share too few words.
 */
function crossScriptCosines(item: PreparedReport, report: PreparedReport, epoch: number, idf: IdfLookup): { vector: number; title: number; event: number } | null {
  const bound = item.crossScript ?? report.crossScript;
  if (!bound) return null;
  const other = item.crossScript ? report : item;
  if (sumOverShared(bound.words, other.vector.ids, one) < minCrossScriptWords) return null;
  const mine: Comparable = item.crossScript ?? item;
  const theirs: Comparable = report.crossScript ?? report;
  const across = (pick: (v: Comparable) => [SparseVector, NormCache]): number => {
    const [a, aNorm] = pick(mine);
    const [b, bNorm] = pick(theirs);
    return cosine(a, cachedNorm(a, aNorm, epoch, idf), b, cachedNorm(b, bNorm, epoch, idf), idf);
  };
  return {
    vector: across((v) => [v.vector, v.norms.vector]),
    title: across((v) => [v.title, v.norms.title]),
    event: across((v) => [v.event, v.norms.event]),
  };
}

/** The item's cosine with a story centroid that holds reports in another script, over the words both can have. */
function crossScriptCentroid(item: PreparedReport, state: StoryState, centroidNorm: number, epoch: number, idf: IdfLookup): number {
  const view = item.crossScript;
  if (!view || !state.compared.some((report) => report.script !== item.script)) return 0;
  if (sumOverShared(view.words, state.centroid.ids, one) < minCrossScriptWords) return 0;
  return cosine(view.vector, cachedNorm(view.vector, view.norms.vector, epoch, idf), state.centroid, centroidNorm, idf);
}

const hourMs = 3_600_000;

function countShared(a: readonly string[], b: ReadonlySet<string>, keep: (value: string) => boolean): number {
  let count = 0;
  for (const value of new Set(a)) if (keep(value) && b.has(value)) count += 1;
  return count;
}

function isSubdivision(code: string): boolean {
  return code.includes('-');
}

/** Both name subdivisions of one country and share none: two places, two events. */
function subdivisionConflict(itemPlaces: readonly string[], storyPlaces: ReadonlySet<string>): boolean {
  const itemSubs = itemPlaces.filter(isSubdivision);
  if (itemSubs.length === 0) return false;
  const storySubs = [...storyPlaces].filter(isSubdivision);
  if (storySubs.length === 0 || itemSubs.some((code) => storyPlaces.has(code))) return false;
  const countryOf = (code: string): string => code.split('-')[0] ?? code;
  const storyCountries = new Set(storySubs.map(countryOf));
  return itemSubs.some((code) => storyCountries.has(countryOf(code)));
}

/**
 * Headline numbers are the specifics outlets copy from each other (a toll, a
 * magnitude, a sum). Both headlines carrying numbers with none in common hints at
 * a different event; it stays a mild penalty because tolls rise as a story develops.
 */
function numberConflict(itemNumbers: readonly string[], storyNumbers: ReadonlySet<string>): boolean {
  return itemNumbers.length > 0 && storyNumbers.size > 0 && !itemNumbers.some((n) => storyNumbers.has(n));
}

/** The item's headline names a country no headline of the story did, and theirs one the item does not. */
function countryConflict(item: PreparedReport, state: StoryState): boolean {
  if (item.countries.length === 0 || state.countries.size === 0) return false;
  const itemCountries = new Set(item.countries);
  const itemExtra = item.countries.some((country) => !state.countries.has(country));
  const storyExtra = [...state.countries].some((country) => !itemCountries.has(country));
  return itemExtra && storyExtra;
}

/** Both name kinds of happening (or of place) and none in common or related. */
function kindConflicts(item: PreparedReport, state: StoryState): number {
  const differ = (mine: readonly string[], theirs: ReadonlySet<string>): boolean =>
    mine.length > 0 && theirs.size > 0 && !sharesKind(mine, theirs);
  return (differ(item.kinds.incident, state.incidents) ? 1 : 0) + (differ(item.kinds.venue, state.venues) ? 1 : 0);
}

function sharedDisaster(item: PreparedReport, state: StoryState): boolean {
  return item.disasters.some((kind) => state.disasters.has(kind)) && item.placeCountries.some((country) => state.placeCountries.has(country));
}

/**
 * How many rare terms the item shares with the story, each counted by its IDF
 * relative to an unseen word. Two short texts sharing one word can have a high
 * cosine; this says whether there is more than one coincidence behind it.
 */
function sharedEvidence(item: SparseVector, story: SparseVector, idf: IdfLookup, maxIdf: number): number {
  return sumOverShared(item.ids, story.ids, (id) => idf(id) / maxIdf);
}

/**
 * Whether the story already has a report from this feed. An outlet reports an event once
 * and comes back to it under a new angle; a second item from one feed that is only
 * somewhat like the first is more often a neighbouring story than the same event.
 */
function fromSameFeed(feedId: string, state: StoryState): boolean {
  return state.story.reports.some((report) => report.feedId === feedId);
}

export function scoreCandidate(
  item: PreparedReport,
  itemFeedId: string,
  itemNorm: number,
  itemTitleNorm: number,
  state: StoryState,
  idf: IdfLookup,
  maxIdf: number,
  epoch: number,
  weights: DecisionWeights,
): MatchFeatures {
  let bestReport = 0;
  let title = 0;
  let event = 0;
  const itemEventNorm = cachedNorm(item.event, item.norms.event, epoch, idf);
  for (const report of state.compared) {
    const { norms } = report;
    event = Math.max(event, cosine(item.event, itemEventNorm, report.event, cachedNorm(report.event, norms.event, epoch, idf), idf));
    bestReport = Math.max(bestReport, cosine(item.vector, itemNorm, report.vector, cachedNorm(report.vector, norms.vector, epoch, idf), idf));
    title = Math.max(title, cosine(item.title, itemTitleNorm, report.title, cachedNorm(report.title, norms.title, epoch, idf), idf));
    const across = item.script === report.script ? null : crossScriptCosines(item, report, epoch, idf);
    if (across) {
      event = Math.max(event, across.event);
      bestReport = Math.max(bestReport, across.vector);
      title = Math.max(title, across.title);
    }
  }
  const centroidNorm = cachedNorm(state.centroid, state.centroidNorm, epoch, idf);
  const centroid = Math.max(
    cosine(item.vector, itemNorm, state.centroid, centroidNorm, idf),
    crossScriptCentroid(item, state, centroidNorm, epoch, idf),
  );
  const sharedSubdivisions = countShared(item.evidence.places, state.places, isSubdivision);
  const sharedActors = countShared(item.evidence.actors, state.actors, () => true);
  const subConflict = subdivisionConflict(item.evidence.places, state.places);
  const numConflict = numberConflict(item.titleNumbers, state.titleNumbers);
  const ctyConflict = countryConflict(item, state);
  const kinds = kindConflicts(item, state);
  const disaster = sharedDisaster(item, state);
  const livePage = item.evidence.livePage !== null && state.livePages.has(item.evidence.livePage);
  const sameFeed = !livePage && fromSameFeed(itemFeedId, state);
  const gapHours = Math.abs(item.publishedMs - state.lastMs) / hourMs;
  const shared = sharedEvidence(item.vector, state.centroid, idf, maxIdf);
  const score =
    weights.bestReport * bestReport +
    weights.centroid * centroid +
    weights.title * title +
    weights.event * event -
    (event < weights.minEvent ? weights.weakEvent : 0) -
    (item.evidence.novelty ? weights.novelty : 0) +
    weights.sharedSubdivision * Math.min(2, sharedSubdivisions) +
    weights.sharedActor * Math.min(2, sharedActors) -
    (subConflict ? weights.subdivisionConflict : 0) -
    (numConflict ? weights.numberConflict : 0) -
    (ctyConflict ? weights.countryConflict : 0) -
    weights.kindConflict * kinds +
    (disaster ? weights.sharedDisaster : 0) +
    (livePage ? weights.sameLivePage : 0) -
    (sameFeed ? weights.sameFeed : 0) -
    (shared < weights.minSharedEvidence ? weights.thinEvidence : 0) -
    weights.gapPerDay * Math.min(1.5, Math.max(0, gapHours - weights.gapGraceHours) / 24);
  return {
    bestReport,
    centroid,
    title,
    event,
    novelty: item.evidence.novelty,
    sharedSubdivisions,
    sharedActors,
    subdivisionConflict: subConflict,
    numberConflict: numConflict,
    countryConflict: ctyConflict,
    kindConflicts: kinds,
    sharedDisaster: disaster,
    sameLivePage: livePage,
    sameFeed,
    gapHours,
    sharedEvidence: shared,
    score,
  };
}
