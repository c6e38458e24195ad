import { CandidateIndex } from './candidate-index.js';
import { resolveClusterOptions } from './cluster-options.js';
import type {
  ClusterInput,
  ClusterResult,
  DecisionTrace,
  ReportEvidence,
  StoryClusterer,
  StoryClustererOptions,
} from './cluster-types.js';
import { livePageOf } from './live-page.js';
import { reportTerms } from './salient-terms.js';
import { cachedNorm, cosine } from './sparse-vector.js';
import { scoreCandidate } from './story-decision.js';
import { maxListedReports, mergedReportOrder, mergedStoryRecord, newStoryRecord, withReport } from './story-record.js';
import {
  absorbReport,
  absorbStoryState,
  countStoryTerms,
  mergeStoryTerms,
  newStoryState,
  type PreparedReport,
  prepareReport,
  storyTerms,
  type StoryState,
  uncountStoryTerms,
} from './story-state.js';
import { Vocabulary } from './vocabulary.js';

const hourMs = 3_600_000;
/** Pseudo-documents behind the online IDF, so a fresh process does not overrate every word. */
const priorDocuments = 20;

/**
 * Streaming story clustering. Items arrive in published order; each joins the best
 * matching live story or starts one. Stories whose last report is older than the
 * window leave the index, so memory is bounded by the window, not by history.
 */
export function createStoryClusterer(options: StoryClustererOptions): StoryClusterer {
  const config = resolveClusterOptions(options);
  const windowMs = config.windowHours * hourMs;
  const vocabulary = new Vocabulary(priorDocuments, config.background, config.weights.reportWeight);
  const index = new CandidateIndex(config.maxPostingLength);
  const bySlot = new Map<number, StoryState>();
  const byId = new Map<string, StoryState>();
  // Lazy aging queue of [lastMs, slot]; entries made stale by later reports are skipped.
  let queue: [number, number][] = [];
  let queueHead = 0;
  let nextSlot = 0;
  let clockMs = Number.NEGATIVE_INFINITY;
  let reportCount = 0;
  const idf = (id: number): number => vocabulary.idf(id);

  function salientIds(report: PreparedReport, limit: number): { id: number; weight: number }[] {
    const out: { id: number; weight: number }[] = [];
    for (let i = 0; i < report.vector.ids.length; i += 1) {
      const id = report.vector.ids[i] ?? 0;
      out.push({ id, weight: (report.vector.weights[i] ?? 0) * idf(id) });
    }
    return out.sort((a, b) => b.weight - a.weight || a.id - b.id).slice(0, limit);
  }

  function entityKeys(evidence: ReportEvidence): string[] {
    const keys = [...evidence.places.map((place) => `p:${place}`), ...evidence.actors.map((actor) => `a:${actor}`)];
    if (evidence.livePage !== null) keys.push(`l:${evidence.livePage}`);
    return keys;
  }

  function indexReport(state: StoryState, report: PreparedReport): void {
    for (const { id } of salientIds(report, config.indexTerms)) {
      if (state.indexedTerms.has(id)) continue;
      state.indexedTerms.add(id);
      index.addTerm(id, state.slot);
    }
    for (const key of entityKeys(report.evidence)) {
      if (state.indexedEntities.has(key)) continue;
      state.indexedEntities.add(key);
      index.addEntity(key, state.slot);
    }
  }

  /** Keeps a long-running story's evidence in step with its bounded report list (see withReport). */
  function forgetOldestReport(state: StoryState): void {
    const [docIds] = state.docIds.splice(1, 1);
    state.evidence.splice(1, 1);
    if (docIds) {
      vocabulary.removeReport(docIds);
      vocabulary.removeTerms(uncountStoryTerms(state, docIds));
    }
    reportCount -= 1;
  }

  function evict(state: StoryState): void {
    for (const id of state.indexedTerms) index.removeTerm(id, state.slot);
    for (const key of state.indexedEntities) index.removeEntity(key, state.slot);
    for (const ids of state.docIds) vocabulary.removeReport(ids);
    vocabulary.removeDocument(storyTerms(state));
    reportCount -= state.docIds.length;
    bySlot.delete(state.slot);
    byId.delete(state.story.id);
  }

  function advanceClock(ms: number): void {
    if (ms <= clockMs) return;
    clockMs = ms;
    const cutoff = clockMs - windowMs;
    while (queueHead < queue.length) {
      const entry = queue[queueHead];
      if (!entry || entry[0] >= cutoff) break;
      queueHead += 1;
      const state = bySlot.get(entry[1]);
      if (state && state.lastMs === entry[0]) evict(state);
    }
    if (queueHead > 4096 && queueHead * 2 > queue.length) {
      queue = queue.slice(queueHead);
      queueHead = 0;
    }
  }

  function enqueue(state: StoryState): void {
    // Out-of-order items can land behind the queue tail; aging then happens a little late, never early.
    queue.push([state.lastMs, state.slot]);
  }

  interface Match {
    best: StoryState | undefined;
    /** Other stories the item matched well enough to show they are the best one's event too. */
    alsoMatched: StoryState[];
  }

  function bestMatch(report: PreparedReport, itemId: string, feedId: string): Match {
    const epoch = vocabulary.epoch;
    const itemNorm = cachedNorm(report.vector, report.norms.vector, epoch, idf);
    const itemTitleNorm = cachedNorm(report.title, report.norms.title, epoch, idf);
    const maxIdf = vocabulary.idf(undefined);
    const { livePage } = report.evidence;
    const slots = index.candidates(salientIds(report, config.queryTerms), entityKeys(report.evidence), config.maxCandidates);
    let best: StoryState | undefined;
    let bestScore = config.weights.threshold;
    const trace: DecisionTrace['candidates'] = [];
    // A cheap first pass (cosine with each story's centroid) picks the few stories worth full scoring.
    const shortlist = slots
      .map((slot) => bySlot.get(slot))
      .filter((state): state is StoryState => state !== undefined && Math.abs(report.publishedMs - state.lastMs) <= windowMs)
      .map((state) => ({ state, rough: cosine(report.vector, itemNorm, state.centroid, cachedNorm(state.centroid, state.centroidNorm, epoch, idf), idf) }))
      .sort((a, b) => b.rough - a.rough || a.state.slot - b.state.slot)
      // The story of the item's live page is scored however little the post's words say.
      .filter((entry, rank) => rank < config.fullyScored || (livePage !== null && entry.state.livePages.has(livePage)));
    const strong: StoryState[] = [];
    for (const { state } of shortlist) {
      const features = scoreCandidate(report, feedId, itemNorm, itemTitleNorm, state, idf, maxIdf, epoch, config.weights);
      if (config.onDecision) trace.push({ storyId: state.story.id, features });
      if (features.score >= config.weights.mergeThreshold) strong.push(state);
      if (features.score > bestScore || (features.score === bestScore && best && state.slot < best.slot)) {
        best = state;
        bestScore = features.score;
      }
    }
    config.onDecision?.({ itemId, candidates: trace, joined: best?.story.id ?? null });
    return { best, alsoMatched: best ? strong.filter((state) => state !== best) : [] };
  }

  /** The story that came first survives a merge: its alert is the one that goes on growing. */
  function survivorOf(a: StoryState, b: StoryState): [into: StoryState, from: StoryState] {
    return a.firstMs < b.firstMs || (a.firstMs === b.firstMs && a.slot < b.slot) ? [a, b] : [b, a];
  }

  /** Two live stories turned out to be one event: `from` moves into `into` and leaves. */
  function mergeStories(into: StoryState, from: StoryState): void {
    vocabulary.removeDocument(mergeStoryTerms(into, from));
    const order = mergedReportOrder(into.story.reports, from.story.reports);
    const pick = <T>(mine: readonly T[], theirs: readonly T[]): T[] =>
      order.flatMap((entry) => {
        const value = (entry.from ? theirs : mine)[entry.index];
        return value === undefined ? [] : [value];
      });
    const kept = new Set(order.map((entry) => `${entry.from ? 'f' : 'i'}${entry.index}`));
    const dropped = [
      ...into.docIds.filter((_, index) => !kept.has(`i${index}`)),
      ...from.docIds.filter((_, index) => !kept.has(`f${index}`)),
    ];
    const evidence = pick(into.evidence, from.evidence);
    const docIds = pick(into.docIds, from.docIds);
    into.story = mergedStoryRecord(into.story, from.story);
    into.evidence = evidence;
    into.docIds = docIds;
    for (const ids of dropped) {
      vocabulary.removeReport(ids);
      vocabulary.removeTerms(uncountStoryTerms(into, ids));
    }
    reportCount -= dropped.length;
    absorbStoryState(into, from, config.comparedReports);
    for (const id of from.indexedTerms) {
      index.removeTerm(id, from.slot);
      if (into.indexedTerms.has(id)) continue;
      into.indexedTerms.add(id);
      index.addTerm(id, into.slot);
    }
    for (const key of from.indexedEntities) {
      index.removeEntity(key, from.slot);
      if (into.indexedEntities.has(key)) continue;
      into.indexedEntities.add(key);
      index.addEntity(key, into.slot);
    }
    bySlot.delete(from.slot);
    byId.delete(from.story.id);
    enqueue(into);
  }

  /** The report was counted as a document of its own; it is now part of the story's one. */
  function foldIntoStory(state: StoryState, report: PreparedReport): void {
    vocabulary.removeDocument(countStoryTerms(state, report.docIds));
  }

  function attach(match: Match, input: ClusterInput, report: PreparedReport): ClusterResult {
    reportCount += 1;
    let state = match.best;
    const absorbed: string[] = [];
    if (state) {
      for (const other of match.alsoMatched) {
        const [into, from] = survivorOf(state, other);
        mergeStories(into, from);
        absorbed.push(from.story.id);
        state = into;
      }
      foldIntoStory(state, report);
      absorbReport(state, withReport(state.story, input), report, config.comparedReports);
      if (state.evidence.length > maxListedReports) forgetOldestReport(state);
      indexReport(state, report);
      enqueue(state);
      return { story: state.story, created: false, absorbed };
    }
    const story = newStoryRecord(input);
    const created = newStoryState(nextSlot, story, report);
    nextSlot += 1;
    bySlot.set(created.slot, created);
    byId.set(story.id, created);
    indexReport(created, report);
    enqueue(created);
    return { story, created: true, absorbed };
  }

  function evidenceOf(input: ClusterInput): ReportEvidence {
    const terms = reportTerms(input.title, input.summary);
    return {
      title: terms.title,
      lede: terms.lede,
      places: [...input.places],
      actors: [...input.actors],
      names: terms.names,
      novelty: terms.novelty,
      livePage: livePageOf(input.link),
    };
  }

  return {
    add(input) {
      // An unparseable time (callers validate, but the record is theirs) counts as "now".
      const parsed = Date.parse(input.published);
      const publishedMs = Number.isFinite(parsed) ? parsed : Math.max(clockMs, 0);
      advanceClock(publishedMs);
      const report = prepareReport(evidenceOf(input), publishedMs, vocabulary);
      return attach(bestMatch(report, input.id, input.feedId), input, report);
    },

    snapshot(storyId) {
      const state = byId.get(storyId);
      return state ? { story: state.story, evidence: [...state.evidence] } : undefined;
    },

    restore(snapshots, nowMs) {
      if (nowMs !== undefined && Number.isFinite(nowMs)) advanceClock(nowMs);
      const ordered = [...snapshots].sort(
        (a, b) => Date.parse(a.story.firstSeen) - Date.parse(b.story.firstSeen) || a.story.id.localeCompare(b.story.id),
      );
      for (const { story, evidence } of ordered) {
        if (byId.has(story.id)) continue;
        const lastMs = Date.parse(story.lastUpdated);
        if (Number.isFinite(clockMs) && lastMs < clockMs - windowMs) continue;
        let state: StoryState | undefined;
        story.reports.forEach((line, position) => {
          const report = prepareReport(
            evidence[position] ?? { title: [], lede: [], places: [], actors: [], names: [], novelty: false, livePage: null },
            Date.parse(line.published),
            vocabulary,
          );
          reportCount += 1;
          if (!state) {
            state = newStoryState(nextSlot, { ...story, reports: story.reports.slice(0, 1) }, report);
            nextSlot += 1;
          } else {
            foldIntoStory(state, report);
            absorbReport(state, state.story, report, config.comparedReports);
          }
          indexReport(state, report);
        });
        if (!state) continue;
        state.story = story;
        bySlot.set(state.slot, state);
        byId.set(story.id, state);
        enqueue(state);
      }
      // Queue entries must stay ordered by time for aging, so re-sort after a bulk restore.
      queue = queue.slice(queueHead).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      queueHead = 0;
      let latest = Number.NEGATIVE_INFINITY;
      for (const state of bySlot.values()) latest = Math.max(latest, state.lastMs);
      if (Number.isFinite(latest)) advanceClock(latest);
    },

    get liveStories() {
      return bySlot.size;
    },

    get liveReports() {
      return reportCount;
    },
  };
}
