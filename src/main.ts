import type { ChatAdapter, CommandHandler } from './adapters/chat-adapter.js';
import type { ChoiceSource } from './adapters/build-adapters.js';
import { createStoryEventPrinter } from './adapters/console/print-story-events.js';
import { createTopicsRegistry } from './commands/topics-registry.js';
import { createFeedRegistry, type FeedEntry } from './commands/feed-registry.js';
import { createCommandCore } from './commands/command-core.js';
import { createAdminNotices } from './delivery/admin-notices.js';
import { createDeliveryEngine, type DeliveryEngine } from './delivery/delivery-engine.js';
import { createSearchIndex } from './delivery/search-index.js';
import { indexStoryEvent, rebuildSearchIndex } from './delivery/search-sync.js';
import { createSubscriptionRepo } from './delivery/subscription-repo.js';
import type { Logger } from './domain/logger.js';
import type { StoryEvent } from './domain/story.js';
import { createAnnotator, loadIntel, type Annotator } from './intel/annotate-item.js';
import { loadStoryIdf } from './intel/cluster/story-idf.js';
import { applyTopicSnapshot, topicDefinitions } from './app/intel-tuning.js';
import type { FeedDefinition } from './pipeline/feed-definition.js';
import { FeedHealthBook } from './pipeline/feed-health.js';
import { openItemRecords } from './pipeline/item-records.js';
import { SeenItems } from './pipeline/seen-items.js';
import { runPollCycle, type PollCycleOptions, type PollCycleReport } from './pipeline/poll-cycle.js';
import { createItemProcessor } from './pipeline/process-new-items.js';
import { createScheduler, type Scheduler } from './pipeline/scheduler.js';
import { createStoriesReader } from './pipeline/stories-reader.js';
import { openStoryRepository } from './pipeline/story-repository.js';
import type { SitrepConfig } from './settings/load-config.js';
import { openStore } from './store/keyv-store.js';
import type { Store } from './store/store.js';
import { validateFeedUrlWith } from './app/validate-feed-url.js';
import { buildFetcher, buildPollOptions } from './app/wiring.js';

/**
 * The composition root: the only place that knows every piece. It loads nothing from
 * the environment itself (the CLI hands it a validated config) and owns the order of
 * start and stop: store → intel → stories → delivery → adapters → scheduler.
 */
export interface SitrepDeps {
  config: SitrepConfig;
  logger: Logger;
  /** Chat platforms to serve (console, Discord, Slack); built by the caller from config. */
  adapters: ChatAdapter[];
  /** Prints every story event here (console mode: no chat platform configured). */
  printEventsTo?: NodeJS.WritableStream;
  /** Extra sink for story events (`poll --once --json`, tests). */
  onStoryEvent?: (event: StoryEvent) => void;
  clock?: () => Date;
  /** Replaces the configured feeds (the demo serves its own). */
  feeds?: FeedDefinition[];
  /** Treat each feed's first poll like any other (demo, `poll --once`). */
  announceFirstPoll?: boolean;
  store?: Store;
}

export interface Sitrep {
  readonly store: Store;
  readonly engine: DeliveryEngine;
  readonly commands: CommandHandler;
  /** Topic and feed ids for autocomplete (`ChoiceSource` of the adapters). */
  readonly choices: ChoiceSource;
  /** One poll cycle now (every feed, due or not, when `force`). */
  pollOnce(options?: Partial<PollCycleOptions>): Promise<PollCycleReport>;
  /** Starts adapters, reconciles the outbox, starts the scheduler. */
  start(): Promise<void>;
  stop(deadlineMs: number): Promise<{ finished: boolean }>;
}

function toDefinition(entry: FeedEntry): FeedDefinition {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    source: entry.source ?? entry.title ?? entry.id,
    intervalMinutes: entry.intervalMinutes,
    language: entry.language,
    regionHints: entry.regionHints ?? [],
    topicHints: entry.topicHints ?? [],
    enabled: entry.enabled,
    backfill: entry.backfill ?? 0,
  };
}

export async function createSitrep(deps: SitrepDeps): Promise<Sitrep> {
  const { config, logger } = deps;
  const { settings } = config;
  const clock = deps.clock ?? (() => new Date());
  const store = deps.store ?? (await openStore(settings.store.url, { logger: logger.child({ component: 'store' }) }));

  const intel = await loadIntel(config.configDir);
  if (intel.modelProblem) logger.warn('topic model not used; topics come from their lexicons', { problem: intel.modelProblem });
  const topics = createTopicsRegistry({ store, seed: topicDefinitions(intel.topics) });
  let annotate: Annotator = createAnnotator({ ...intel, topics: applyTopicSnapshot(intel.topics, await topics.current()), summaryMaxChars: settings.intel.summaryMaxChars });
  topics.listen((snapshot) => {
    annotate = createAnnotator({ ...intel, topics: applyTopicSnapshot(intel.topics, snapshot), summaryMaxChars: settings.intel.summaryMaxChars });
    logger.info('topics retuned from chat', { version: snapshot.version });
  });
  const labels = new Map(intel.topics.topics.map((topic) => [topic.id, topic.label] as const));
  const printEvent = deps.printEventsTo ? createStoryEventPrinter(deps.printEventsTo, (id) => labels.get(id) ?? id) : null;

  const feedRegistry = createFeedRegistry({ store, seed: deps.feeds ?? config.feeds, defaultIntervalMinutes: 15 });
  let feeds = (await feedRegistry.list()).map(toDefinition);
  feedRegistry.listen((entries) => {
    feeds = entries.map(toDefinition);
  });
  const sourceOf = (feedId: string) => feeds.find((feed) => feed.id === feedId)?.source ?? feedId;

  const storyIdf = await loadStoryIdf();
  if (!storyIdf.ok) logger.warn('story clustering runs without reference frequencies', { problem: storyIdf.message });
  const stories = await openStoryRepository(store, {
    windowHours: settings.stories.windowHours,
    clock,
    ...(storyIdf.ok ? { background: storyIdf.background } : {}),
  });
  const items = openItemRecords(store);
  const search = createSearchIndex();
  const subscriptions = createSubscriptionRepo(store);
  const adminNotices = createAdminNotices(store);
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
  const engine = createDeliveryEngine({
    store,
    subscriptions,
    adapters: deps.adapters,
    clock,
    sleep,
    topicLabel: (id) => labels.get(id) ?? id,
    maxQueuePerChannel: settings.delivery.maxQueuePerChannel,
    adminNotices,
    logger: logger.child({ component: 'delivery' }),
  });
  const healthBook = new FeedHealthBook(store);
  const fetcher = buildFetcher(settings);

  const commands = createCommandCore({
    subscriptions,
    topics,
    feeds: feedRegistry,
    resumeFeedHealth: async (feedId) => {
      const feed = feeds.find((candidate) => candidate.id === feedId);
      if (feed) await healthBook.resume(feed.id, feed.url);
    },
    validateFeedUrl: validateFeedUrlWith(fetcher, settings.fetch.allowPrivateNetworks),
    feedHealth: async () => (await healthBook.getMany(feeds.map((feed) => feed.id))).flatMap((h, i) => (h ? [{ ...h, title: feeds[i]?.source ?? null }] : [])),
    stories: createStoriesReader({ stories, items }),
    search,
    delivery: engine,
    adminNotices,
    clock,
    defaults: { timezone: settings.delivery.defaultTimezone, digestAt: settings.delivery.defaultDigestAt, feedIntervalMinutes: 15 },
  });

  const processItems = createItemProcessor({
    annotate: (item) => annotate(item),
    stories,
    items,
    sourceOf,
    clock,
    logger: logger.child({ component: 'pipeline' }),
    retentionMs: settings.dedup.retentionDays * 86_400_000,
    onStoryEvent: async (event) => {
      indexStoryEvent(search, event, sourceOf);
      printEvent?.(event);
      deps.onStoryEvent?.(event);
      await engine.handleStoryEvent(event);
    },
  });

  const pollOptions = buildPollOptions(settings);
  async function afterCycle(report: PollCycleReport): Promise<void> {
    const health = await healthBook.getMany(report.feeds.map((feed) => feed.feedId));
    await engine.handleFeedHealth(health.flatMap((h) => (h ? [h] : [])));
    await engine.tick(clock());
    await engine.flush();
  }
  const pollOnce = async (overrides: Partial<PollCycleOptions> = {}): Promise<PollCycleReport> => {
    const report = await runPollCycle(
      { feeds: feeds.filter((feed) => feed.enabled), fetcher, store, clock, logger: logger.child({ component: 'poll' }), onNewItems: processItems },
      { ...pollOptions, announceFirstPoll: deps.announceFirstPoll ?? false, ...overrides },
    );
    await afterCycle(report);
    return report;
  };

  let scheduler: Scheduler | null = null;
  return {
    store,
    engine,
    commands,
    choices: {
      topics: async () => (await topics.current()).topics.map((topic) => ({ id: topic.id, label: topic.label })),
      feeds: async () => feeds.map((feed) => ({ id: feed.id, title: feed.title ?? feed.source })),
    },
    pollOnce,
    async start() {
      await rebuildSearchIndex(search, {
        items: async function* () {
          for await (const [, record] of items.byId.entries()) yield record;
        },
        stories: () => stories.all(),
        sourceOf,
      });
      for (const adapter of deps.adapters) await adapter.start(commands);
      const recovered = await engine.recover();
      if (recovered.reconciled + recovered.requeued > 0) logger.info('outbox recovered', recovered);
      await engine.flush();
      scheduler = createScheduler(
        {
          logger,
          runCycle: (context) => pollOnce({ signal: context.signal, inFlight: context.inFlight }),
          // SQLite and PostgreSQL keep expired keys until swept; Redis expires them itself.
          housekeeping: async () => {
            await new SeenItems(store, { retentionMs: pollOptions.retentionMs, now: clock }).sweepExpired();
          },
        },
        { cron: settings.polling.tick },
      );
      scheduler.start();
      void scheduler.tick();
    },
    async stop(deadlineMs) {
      const result = scheduler ? await scheduler.stop({ deadlineMs }) : { finished: true };
      for (const adapter of deps.adapters) await adapter.stop().catch((error: unknown) => logger.warn('adapter stop failed', { platform: adapter.platform, error: String(error) }));
      await store.close();
      return { finished: result.finished };
    },
  };
}
