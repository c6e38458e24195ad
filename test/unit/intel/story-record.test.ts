import { describe, expect, it } from 'vitest';
import { maxListedReports, mergedStoryRecord, newStoryRecord, withReport } from '../../../src/intel/cluster/story-record.js';
import { at, clusterInput } from './cluster-builders.js';

function storyOf(prefix: string, hours: number[], topics: Record<string, number>) {
  const [first, ...rest] = hours.map((hour, index) =>
    clusterInput({ id: `${prefix}-${index}`, title: prefix, published: at(hour), topics: Object.keys(topics), scores: topics }),
  );
  if (!first) throw new Error('fixture');
  return rest.reduce((story, input) => withReport(story, input), newStoryRecord(first));
}

describe('merged story record', () => {
  it('keeps the survivor\u2019s id and first report, lists the rest by time and counts both', () => {
    const into = storyOf('a', [0, 5], { security: 0.7 });
    const from = storyOf('b', [1, 3], { security: 0.9, diplomacy: 0.4 });
    const merged = mergedStoryRecord(into, from);
    expect(merged.id).toBe('story-a-0');
    expect(merged.reports.map((report) => report.itemId)).toEqual(['a-0', 'b-0', 'b-1', 'a-1']);
    expect(merged.reportCount).toBe(4);
    expect(merged.scores).toEqual({ security: 0.9, diplomacy: 0.4 });
    expect([merged.firstSeen, merged.lastUpdated]).toEqual([at(0), at(5)]);
  });

  it('two long stories merge into a bounded list: the first report and the most recent ones', () => {
    const into = storyOf('a', Array.from({ length: 70 }, (_, i) => 2 * i), {});
    const from = storyOf('b', Array.from({ length: 70 }, (_, i) => 2 * i + 1), {});
    const merged = mergedStoryRecord(into, from);
    expect(merged.reports).toHaveLength(maxListedReports);
    expect(merged.reportCount).toBe(140);
    expect(merged.reports[0]?.itemId).toBe('a-0');
    expect(merged.reports.at(-1)?.itemId).toBe('b-69');
    expect(merged.reports[1]?.published).toBe(at(139 - (maxListedReports - 2)));
  });
});
