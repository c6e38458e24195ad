import type { Story } from '../../domain/story.js';
import type { ReportEvidence } from './cluster-types.js';
import { headlineKinds, singularDisasters, type HeadlineKinds } from './event-kinds.js';
import { isScriptBound, numberPrefix } from './salient-terms.js';
import { addVectors, type NormCache, pruneVector, type SparseVector, vectorFrom } from './sparse-vector.js';
import type { Vocabulary } from './vocabulary.js';
import { countryTerms } from './word-lists.js';

/** One report turned into comparable evidence. */
export interface PreparedReport {
  evidence: ReportEvidence;
  publishedMs: number;
  /** Distinct term ids counted in the vocabulary for this report. */
  docIds: Int32Array;
  /** Title + lede vector: headline terms weigh more than lede terms. */
  vector: SparseVector;
  /** Headline terms only, binary. */
  title: SparseVector;
  /** The vector without names and country words: what happened, not where or to whom. */
  event: SparseVector;
  /** Numbers in the headline (years excluded): the casualty counts, magnitudes, sums. */
  titleNumbers: string[];
  /** Country words in the headline. */
  countries: string[];
  /** The kinds of happening and of place the headline names. */
  kinds: HeadlineKinds;
  /** Singular disasters (an earthquake, a cyclone) named in the headline or lede. */
  disasters: string[];
  /** Countries of the tagged places (a province counts for its country). */
  placeCountries: string[];
  norms: VectorNorms;
  /**
   * The vectors without the words of the report's own script (Bengali, Devanagari …),
   * for comparison with reports in another script: only the words read as English
   * (native-terms.ts), names and numbers can match there, so the rest must not dilute
   * the cosine. Null when the report has no such words, or nothing else.
   */
  crossScript: ComparableVectors | null;
  /** The script of the report's own words (scriptOf), 'Latin' for most. */
  script: string;
}

interface VectorNorms {
  vector: NormCache;
  title: NormCache;
  event: NormCache;
}

/** The three vectors a report is compared by, with their cached norms. */
export interface ComparableVectors {
  vector: SparseVector;
  title: SparseVector;
  event: SparseVector;
  norms: VectorNorms;
  /** Ids of the words of `vector`, numbers left out: dates and counts match by chance across languages. */
  words: Int32Array;
}

/** A live story: its record plus what the clusterer compares against. */
export interface StoryState {
  slot: number;
  story: Story;
  evidence: ReportEvidence[];
  docIds: Int32Array[];
  /**
   * How many of the story's reports use each term: the story counts once in document
   * frequency. Built when a second report joins; a one-report story's terms are its docIds.
   */
  termReports: Map<number, number> | null;
  centroid: SparseVector;
  centroidNorm: NormCache;
  /** The first report and the most recent ones, for item-to-report comparison. */
  compared: PreparedReport[];
  titleNumbers: Set<string>;
  countries: Set<string>;
  firstCountries: Set<string>;
  /** Kinds named by any of the story's headlines. */
  incidents: Set<string>;
  venues: Set<string>;
  disasters: Set<string>;
  placeCountries: Set<string>;
  places: Set<string>;
  actors: Set<string>;
  livePages: Set<string>;
  indexedTerms: Set<number>;
  indexedEntities: Set<string>;
  firstMs: number;
  lastMs: number;
}

const titleWeight = 2;
const maxCentroidTerms = 400;

function staleNorm(): NormCache {
  return { epoch: -1, value: 0 };
}
const ledeWeight = 1;
const maxTermWeight = 4;

const scripts = ['Bengali', 'Devanagari', 'Arabic', 'Cyrillic', 'Han', 'Hangul', 'Hiragana', 'Katakana', 'Thai', 'Hebrew', 'Greek', 'Tamil', 'Gurmukhi', 'Gujarati', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Myanmar', 'Khmer', 'Ethiopic', 'Georgian', 'Armenian'].map(
  (name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const,
);

/** The script most of a report's script-bound words are written in. */
function scriptOf(terms: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const term of terms) {
    const name = scripts.find(([, pattern]) => pattern.test(term))?.[0] ?? 'other';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Latin';
}

function withoutIds(v: SparseVector, drop: ReadonlySet<number>): SparseVector {
  const keep = [...v.ids.keys()].filter((i) => !drop.has(v.ids[i] ?? 0));
  return { ids: Int32Array.from(keep, (i) => v.ids[i] ?? 0), weights: Float32Array.from(keep, (i) => v.weights[i] ?? 0) };
}

function isYear(term: string): boolean {
  const value = Number(term.slice(numberPrefix.length));
  return Number.isInteger(value) && value >= 1900 && value <= 2100;
}

/** Counts the report in the vocabulary and builds its vectors. */
export function prepareReport(evidence: ReportEvidence, publishedMs: number, vocabulary: Vocabulary): PreparedReport {
  const distinct = [...new Set([...evidence.title, ...evidence.lede])];
  const docIds = vocabulary.addDocument(distinct);
  const idOf = new Map<string, number>();
  distinct.forEach((term, index) => idOf.set(term, docIds[index] ?? 0));
  const weights = new Map<number, number>();
  for (const term of new Set(evidence.title)) {
    const id = idOf.get(term) ?? 0;
    weights.set(id, (weights.get(id) ?? 0) + titleWeight);
  }
  for (const term of evidence.lede) {
    const id = idOf.get(term) ?? 0;
    weights.set(id, Math.min(maxTermWeight, (weights.get(id) ?? 0) + ledeWeight));
  }
  const nameIds = new Set(evidence.names.map((term) => idOf.get(term)));
  for (const term of distinct) if (countryTerms.has(term)) nameIds.add(idOf.get(term));
  for (const id of nameIds) if (id !== undefined) vocabulary.markName(id);
  const eventPairs = [...weights.entries()].filter(([id]) => !nameIds.has(id));
  const titleIds = [...new Set(evidence.title)].map((term): [number, number] => [idOf.get(term) ?? 0, 1]);
  const vector = vectorFrom(weights.entries());
  const title = vectorFrom(titleIds);
  const event = vectorFrom(eventPairs);
  const boundTerms = distinct.filter(isScriptBound);
  const scriptBound = new Set(boundTerms.map((term) => idOf.get(term) ?? 0));
  const crossScript =
    scriptBound.size === 0 || scriptBound.size === distinct.length
      ? null
      : {
          vector: withoutIds(vector, scriptBound),
          title: withoutIds(title, scriptBound),
          event: withoutIds(event, scriptBound),
          norms: { vector: staleNorm(), title: staleNorm(), event: staleNorm() },
          words: Int32Array.from(
            distinct.filter((term) => !term.startsWith(numberPrefix)).map((term) => idOf.get(term) ?? 0),
          )
            .filter((id) => !scriptBound.has(id))
            .sort(),
        };
  return {
    evidence,
    publishedMs,
    docIds,
    vector,
    title,
    event,
    crossScript,
    script: scriptOf(boundTerms),
    titleNumbers: [...new Set(evidence.title.filter((term) => term.startsWith(numberPrefix) && !isYear(term)))],
    countries: [...new Set(evidence.title.filter((term) => countryTerms.has(term)))],
    kinds: headlineKinds(evidence.title),
    disasters: singularDisasters([...evidence.title, ...evidence.lede]),
    placeCountries: [...new Set(evidence.places.map((code) => code.split('-')[0] ?? code))],
    norms: { vector: staleNorm(), title: staleNorm(), event: staleNorm() },
  };
}

export function newStoryState(slot: number, story: Story, report: PreparedReport): StoryState {
  return {
    slot,
    story,
    evidence: [report.evidence],
    docIds: [report.docIds],
    termReports: null,
    centroid: report.vector,
    centroidNorm: staleNorm(),
    compared: [report],
    titleNumbers: new Set(report.titleNumbers),
    countries: new Set(report.countries),
    firstCountries: new Set(report.countries),
    incidents: new Set(report.kinds.incident),
    venues: new Set(report.kinds.venue),
    disasters: new Set(report.disasters),
    placeCountries: new Set(report.placeCountries),
    places: new Set(report.evidence.places),
    actors: new Set(report.evidence.actors),
    livePages: new Set(report.evidence.livePage === null ? [] : [report.evidence.livePage]),
    indexedTerms: new Set(),
    indexedEntities: new Set(),
    firstMs: report.publishedMs,
    lastMs: report.publishedMs,
  };
}

/** Folds one more report into a story's evidence (the record is updated by the caller). */
export function absorbReport(state: StoryState, story: Story, report: PreparedReport, comparedReports: number): void {
  state.story = story;
  state.evidence.push(report.evidence);
  state.docIds.push(report.docIds);
  // A live blog can collect hundreds of reports; its centroid keeps the heaviest terms only.
  const grown = addVectors(state.centroid, report.vector);
  state.centroid = grown.ids.length > maxCentroidTerms * 1.5 ? pruneVector(grown, maxCentroidTerms) : grown;
  state.centroidNorm = staleNorm();
  state.compared.push(report);
  if (state.compared.length > comparedReports) state.compared.splice(1, 1);
  for (const number of report.titleNumbers) state.titleNumbers.add(number);
  for (const country of report.countries) state.countries.add(country);
  for (const kind of report.kinds.incident) state.incidents.add(kind);
  for (const kind of report.kinds.venue) state.venues.add(kind);
  for (const kind of report.disasters) state.disasters.add(kind);
  for (const country of report.placeCountries) state.placeCountries.add(country);
  for (const place of report.evidence.places) state.places.add(place);
  for (const actor of report.evidence.actors) state.actors.add(actor);
  if (report.evidence.livePage !== null) state.livePages.add(report.evidence.livePage);
  state.firstMs = Math.min(state.firstMs, report.publishedMs);
  state.lastMs = Math.max(state.lastMs, report.publishedMs);
}

/** Counts a joining report's terms in its story; returns those the story already had. */
export function countStoryTerms(state: StoryState, docIds: Int32Array): number[] {
  const counts = storyTermCounts(state);
  const known: number[] = [];
  for (const id of docIds) {
    const reports = counts.get(id) ?? 0;
    if (reports > 0) known.push(id);
    counts.set(id, reports + 1);
  }
  return known;
}

/** The distinct terms of all the story's reports. */
export function storyTerms(state: StoryState): Iterable<number> {
  return state.termReports?.keys() ?? state.docIds[0] ?? [];
}

function storyTermCounts(state: StoryState): Map<number, number> {
  state.termReports ??= new Map([...(state.docIds[0] ?? [])].map((id) => [id, 1]));
  return state.termReports;
}

/** Uncounts a report leaving its story; returns the terms no report of the story uses any more. */
export function uncountStoryTerms(state: StoryState, docIds: Int32Array): number[] {
  const counts = storyTermCounts(state);
  const gone: number[] = [];
  for (const id of docIds) {
    const reports = (counts.get(id) ?? 0) - 1;
    if (reports > 0) counts.set(id, reports);
    else {
      counts.delete(id);
      gone.push(id);
    }
  }
  return gone;
}

/** Counts another story's terms into this one; returns those this story already had. */
export function mergeStoryTerms(into: StoryState, from: StoryState): number[] {
  const counts = storyTermCounts(into);
  const known: number[] = [];
  for (const [id, reports] of storyTermCounts(from)) {
    const mine = counts.get(id) ?? 0;
    if (mine > 0) known.push(id);
    counts.set(id, mine + reports);
  }
  return known;
}

/**
 * Folds another live story's comparison evidence into this one: centroid, the reports
 * compared against (this story's first, then the most recent of both) and every set
 * of kinds, places and names. Reports, evidence and term counts are the caller's.
 */
export function absorbStoryState(into: StoryState, from: StoryState, comparedReports: number): void {
  const grown = addVectors(into.centroid, from.centroid);
  into.centroid = grown.ids.length > maxCentroidTerms * 1.5 ? pruneVector(grown, maxCentroidTerms) : grown;
  into.centroidNorm = staleNorm();
  const [first, ...rest] = into.compared;
  const recent = [...rest, ...from.compared].sort((a, b) => a.publishedMs - b.publishedMs).slice(-(comparedReports - 1));
  into.compared = first ? [first, ...recent] : recent;
  const sets: [Set<string>, Set<string>][] = [
    [into.titleNumbers, from.titleNumbers],
    [into.countries, from.countries],
    [into.incidents, from.incidents],
    [into.venues, from.venues],
    [into.disasters, from.disasters],
    [into.placeCountries, from.placeCountries],
    [into.places, from.places],
    [into.actors, from.actors],
    [into.livePages, from.livePages],
  ];
  for (const [mine, theirs] of sets) for (const value of theirs) mine.add(value);
  into.firstMs = Math.min(into.firstMs, from.firstMs);
  into.lastMs = Math.max(into.lastMs, from.lastMs);
}
