import type { CommandRequest } from '../../../src/adapters/chat-adapter.js';
import { createCommandCore, type CommandCoreDeps, type FeedUrlCheck } from '../../../src/commands/command-core.js';
import { createFeedRegistry } from '../../../src/commands/feed-registry.js';
import { plainReplyLine } from '../../../src/commands/feed-text.js';
import { createTopicsRegistry, type TopicDefinition } from '../../../src/commands/topics-registry.js';
import { createAdminNotices } from '../../../src/delivery/admin-notices.js';
import { createDeliveryEngine } from '../../../src/delivery/delivery-engine.js';
import type { FeedHealthRecord } from '../../../src/delivery/feed-health-notices.js';
import { createSearchIndex } from '../../../src/delivery/search-index.js';
import { createSubscriptionRepo } from '../../../src/delivery/subscription-repo.js';
import type { AnnotatedItem } from '../../../src/domain/annotations.js';
import type { Story } from '../../../src/domain/story.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { createFakeChatAdapter } from '../../fakes/fake-chat-adapter.js';
import { fakeTime } from '../delivery/delivery-builders.js';

export const seedTopics: TopicDefinition[] = [
  { id: 'security', label: 'Security', description: 'Armed conflict, attacks, military operations.', terms: ['airstrike', 'attack'], threshold: 0.5 },
  { id: 'diplomacy', label: 'Diplomacy', description: 'Talks, treaties, envoys.', terms: ['envoy', 'talks'], threshold: 0.5 },
  { id: 'humanitarian', label: 'Humanitarian', description: 'Aid, displacement, disasters.', terms: ['aid'], threshold: 0.5 },
];

/** A command core over a MemoryStore, a real engine with the fake adapter, and scripted readers. */
export function commandFixture(store = new MemoryStore(), time = fakeTime()) {
  const adapter = createFakeChatAdapter('discord');
  const subscriptions = createSubscriptionRepo(store);
  const adminNotices = createAdminNotices(store);
  const engine = createDeliveryEngine({ store, subscriptions, adapters: [adapter], clock: time.clock, sleep: time.sleep, adminNotices });
  const topics = createTopicsRegistry({ store, seed: seedTopics });
  const feeds = createFeedRegistry({ store, seed: [{ id: 'un-news', url: 'https://news.un.org/feed/rss.xml', title: 'UN News', intervalMinutes: 15, enabled: true }] });
  const state = {
    stories: [] as Story[],
    items: [] as AnnotatedItem[],
    health: [] as FeedHealthRecord[],
    feedChecks: [] as string[],
    feedCheck: { ok: true, title: 'Example Wire', itemCount: 20 } as FeedUrlCheck,
  };
  const search = createSearchIndex();
  const deps: CommandCoreDeps = {
    subscriptions,
    topics,
    feeds,
    validateFeedUrl: async (url) => {
      state.feedChecks.push(url);
      return state.feedCheck;
    },
    feedHealth: async () => state.health,
    stories: {
      recent: async ({ since, topic, limit }) =>
        state.stories
          .filter((s) => Date.parse(s.lastUpdated) >= since.getTime() && (!topic || s.topics.includes(topic)))
          .sort((a, b) => b.lastUpdated.localeCompare(a.lastUpdated))
          .slice(0, limit),
      findByUrl: async (url) => {
        const item = state.items.find((i) => i.link === url);
        if (!item) return null;
        return { item, story: state.stories.find((s) => s.reports.some((r) => r.itemId === item.id)) ?? null };
      },
    },
    search,
    delivery: engine,
    adminNotices,
    clock: time.clock,
    newId: (() => {
      let n = 0;
      return () => `sub-${++n}`;
    })(),
  };
  const core = createCommandCore(deps);
  const run = async (path: string[], options: CommandRequest['options'] = {}, who: Partial<CommandRequest> = {}) => {
    const reply = await core({ platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'u1', isAdmin: false, path, options, ...who });
    return { ...reply, text: reply.lines.map(plainReplyLine).join('\n') };
  };
  return { store, time, adapter, engine, subscriptions, topics, feeds, search, state, deps, core, run };
}
