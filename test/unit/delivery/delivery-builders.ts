import type { AnnotatedItem } from '../../../src/domain/annotations.js';
import type { Story, StoryEvent, StoryReport } from '../../../src/domain/story.js';
import { subscriptionSchema, type Subscription, type SubscriptionInput } from '../../../src/domain/subscription.js';

/** Typed builders for delivery tests: valid by default, overridable per field. */
export function makeSub(overrides: Partial<SubscriptionInput> = {}): Subscription {
  return subscriptionSchema.parse({
    id: overrides.id ?? `sub-${Math.random().toString(36).slice(2, 8)}`,
    platform: 'discord',
    workspaceId: 'guild-1',
    channelId: 'chan-1',
    topics: ['security'],
    createdBy: 'user-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });
}

export function makeReport(itemId: string, overrides: Partial<StoryReport> = {}): StoryReport {
  return {
    itemId,
    feedId: 'feed-a',
    source: 'Outlet A',
    title: `Headline ${itemId}`,
    link: `https://news.example/${itemId}`,
    published: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeStory(id: string, overrides: Partial<Story> = {}): Story {
  const first = makeReport(`${id}-1`, { title: 'Clashes near Kabul airport' });
  return {
    id,
    firstReport: first,
    reports: [first],
    topics: ['security'],
    scores: { security: 0.9, diplomacy: 0.2 },
    places: ['AF', 'AF-KAB'],
    actors: ['taliban'],
    firstSeen: '2026-03-01T10:00:00.000Z',
    lastUpdated: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeItem(report: StoryReport, overrides: Partial<AnnotatedItem> = {}): AnnotatedItem {
  return {
    id: report.itemId,
    feedId: report.feedId,
    title: report.title,
    summary: `Summary of ${report.title}.`,
    link: report.link,
    guid: null,
    published: report.published,
    sourceTags: [],
    language: 'en',
    intel: { topics: ['security'], scores: { security: 0.9 }, reasons: {}, places: ['AF'], actors: [], summary: `Summary of ${report.title}.` },
    ...overrides,
  };
}

export function created(story: Story): StoryEvent {
  return { kind: 'story-created', story, item: makeItem(story.firstReport) };
}

/** The story with `count` more reports from other outlets, as a story-updated event. */
export function grown(story: Story, count: number): { story: Story; event: StoryEvent } {
  const extra = Array.from({ length: count }, (_, i) =>
    makeReport(`${story.id}-${story.reports.length + i + 1}`, { source: `Outlet ${String.fromCharCode(65 + story.reports.length + i)}`, feedId: 'feed-b' }),
  );
  const next = { ...story, reports: [...story.reports, ...extra] };
  const last = extra[extra.length - 1] ?? story.firstReport;
  return { story: next, event: { kind: 'story-updated', story: next, item: makeItem(last) } };
}

/** A clock and sleep on fake time: sleeping advances the clock instantly. */
export function fakeTime(startIso = '2026-03-01T12:00:00.000Z') {
  let now = Date.parse(startIso);
  const slept: number[] = [];
  return {
    clock: () => new Date(now),
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    slept,
  };
}
