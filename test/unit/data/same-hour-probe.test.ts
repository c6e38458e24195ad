import { describe, expect, it } from 'vitest';
import { sameHourProbe, type ProbeItem } from '../../../scripts/same-hour-probe.js';

const item = (id: string, story: string, published: string): ProbeItem => ({ id, story, published });

/** Groups items published within `hours` of the previous one: a clusterer that only looks at time. */
function byTimeGaps(hours: number) {
  return (stream: readonly ProbeItem[]): string[] => {
    let group = 0;
    return stream.map((entry, index) => {
      const previous = stream[index - 1];
      if (previous && Date.parse(entry.published) - Date.parse(previous.published) > hours * 3_600_000) group += 1;
      return `g${group}`;
    });
  };
}

describe('sameHourProbe (eval:stories)', () => {
  const items = [
    item('a1', 'visit-ankara', '2026-11-11T09:00:00Z'),
    item('a2', 'visit-ankara', '2026-11-11T12:00:00Z'),
    item('b1', 'visit-riyadh', '2026-11-12T15:00:00Z'),
    item('b2', 'visit-riyadh', '2026-11-12T16:00:00Z'),
  ];
  const pair = { a: 'visit-ankara', b: 'visit-riyadh', why: 'same president, different visit' };

  it('moves the second story to begin an hour after the first, keeping its own spacing', () => {
    const seen: ProbeItem[][] = [];
    sameHourProbe(items, [pair], (stream) => {
      seen.push([...stream]);
      return stream.map((entry) => entry.story);
    });
    expect(seen[0]?.map((entry) => [entry.id, entry.published])).toEqual([
      ['a1', '2026-11-11T09:00:00Z'],
      ['b1', '2026-11-11T10:00:00.000Z'],
      ['b2', '2026-11-11T11:00:00.000Z'],
      ['a2', '2026-11-11T12:00:00Z'],
    ]);
  });

  it('reports a pair as merged when the clusterer puts both stories together once they are close in time', () => {
    // Kept apart only by the day between them: a time-only clusterer merges them once moved.
    expect(sameHourProbe(items, [pair], byTimeGaps(6))).toEqual({ merged: [pair], tried: 1 });
    // A clusterer that tells the stories apart on content keeps them apart.
    expect(sameHourProbe(items, [pair], (stream) => stream.map((entry) => entry.story))).toEqual({ merged: [], tried: 1 });
  });

  it('skips pairs whose stories are not in the set', () => {
    const missing = { a: 'visit-ankara', b: 'no-such-story' };
    expect(sameHourProbe(items, [missing], byTimeGaps(6))).toEqual({ merged: [], tried: 0 });
  });
});
