import { describe, expect, it } from 'vitest';
import type { ReportEvidence } from '../../../src/intel/cluster/cluster-types.js';
import { newStoryRecord } from '../../../src/intel/cluster/story-record.js';
import { countStoryTerms, newStoryState, prepareReport, uncountStoryTerms } from '../../../src/intel/cluster/story-state.js';
import { Vocabulary } from '../../../src/intel/cluster/vocabulary.js';
import { at, clusterInput } from './cluster-builders.js';

function evidence(title: string[], names: string[] = []): ReportEvidence {
  return { title, lede: [], places: [], actors: [], names, novelty: false, livePage: null };
}

// Document frequency counts stories, not reports: a live blog's subject must stay as rare
// as the single story it is, however many posts the blog files.
describe('story-level document frequency', () => {
  it('a report folded into its story leaves the story counted once', () => {
    const vocabulary = new Vocabulary(20);
    const first = prepareReport(evidence(['eclips', 'crowd']), Date.parse(at(0)), vocabulary);
    const state = newStoryState(0, newStoryRecord(clusterInput({ id: 'a', title: 'a', published: at(0) })), first);
    const elsewhere = prepareReport(evidence(['tariff']), Date.parse(at(0)), vocabulary);
    expect(elsewhere.docIds).toHaveLength(1);
    for (let post = 1; post <= 5; post += 1) {
      const report = prepareReport(evidence(['eclips', `place${post}`]), Date.parse(at(post)), vocabulary);
      vocabulary.removeDocument(countStoryTerms(state, report.docIds));
    }
    expect(vocabulary.documents).toBe(2);
    expect(vocabulary.idfOf('eclips')).toBeCloseTo(vocabulary.idfOf('tariff'), 10);
    expect(vocabulary.idfOf('crowd')).toBeCloseTo(vocabulary.idfOf('tariff'), 10);
  });

  it('a term leaves the frequencies when the last report using it leaves its story', () => {
    const vocabulary = new Vocabulary(20);
    const first = prepareReport(evidence(['eclips', 'spain']), Date.parse(at(0)), vocabulary);
    const state = newStoryState(0, newStoryRecord(clusterInput({ id: 'a', title: 'a', published: at(0) })), first);
    const second = prepareReport(evidence(['eclips', 'iceland']), Date.parse(at(1)), vocabulary);
    vocabulary.removeDocument(countStoryTerms(state, second.docIds));
    expect(uncountStoryTerms(state, second.docIds).map((id) => vocabulary.term(id))).toEqual(['iceland']);
    expect(uncountStoryTerms(state, first.docIds).map((id) => vocabulary.term(id)).sort()).toEqual(['eclips', 'spain']);
  });

  it('a name counts every report: a city in the news all day is common, however few its stories', () => {
    const vocabulary = new Vocabulary(20);
    const first = prepareReport(evidence(['kharkiv', 'missil'], ['kharkiv']), Date.parse(at(0)), vocabulary);
    const busy = newStoryState(0, newStoryRecord(clusterInput({ id: 'a', title: 'a', published: at(0) })), first);
    for (let post = 1; post <= 5; post += 1) {
      const report = prepareReport(evidence(['kharkiv', 'missil', `toll${post}`], ['kharkiv']), Date.parse(at(post)), vocabulary);
      vocabulary.removeDocument(countStoryTerms(busy, report.docIds));
    }
    prepareReport(evidence(['kharkiv', 'drone'], ['kharkiv']), Date.parse(at(6)), vocabulary);
    prepareReport(evidence(['drone', 'moscow'], ['moscow']), Date.parse(at(6)), vocabulary);
    // "drone" and "kharkiv" are each in two stories; only the name counts its six reports.
    expect(vocabulary.idfOf('kharkiv')).toBeLessThan(vocabulary.idfOf('drone') - 0.3);
    expect(vocabulary.idfOf('missil')).toBeGreaterThan(vocabulary.idfOf('drone'));
  });

  it('reportWeight 1 counts every report of a story, as if each were a document', () => {
    const countingReports = new Vocabulary(20, undefined, 1);
    const first = prepareReport(evidence(['eclips', 'crowd']), Date.parse(at(0)), countingReports);
    const state = newStoryState(0, newStoryRecord(clusterInput({ id: 'a', title: 'a', published: at(0) })), first);
    for (let post = 1; post <= 5; post += 1) {
      const report = prepareReport(evidence(['eclips', `place${post}`]), Date.parse(at(post)), countingReports);
      countingReports.removeDocument(countStoryTerms(state, report.docIds));
    }
    // Six reports, all with "eclips": it is as common as a word can be.
    expect(countingReports.idfOf('eclips')).toBeCloseTo(Math.log((6 + 20 + 1) / (6 + 1)), 10);
    expect(countingReports.idfOf('crowd')).toBeCloseTo(Math.log((6 + 20 + 1) / (1 + 1)), 10);
  });
});
