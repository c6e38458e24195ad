import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/create-slack-adapter.js';
import { createCommandCore, type CommandCoreDeps } from '../../src/commands/command-core.js';
import { createFeedRegistry } from '../../src/commands/feed-registry.js';
import { createTopicsRegistry } from '../../src/commands/topics-registry.js';
import { createAdminNotices } from '../../src/delivery/admin-notices.js';
import { createDeliveryEngine, type DeliveryEngine } from '../../src/delivery/delivery-engine.js';
import { createSearchIndex } from '../../src/delivery/search-index.js';
import { createSubscriptionRepo } from '../../src/delivery/subscription-repo.js';
import type { AnnotatedItem } from '../../src/domain/annotations.js';
import { createSilentLogger } from '../../src/domain/logger.js';
import type { Story } from '../../src/domain/story.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { postSigned, interactivityFields } from '../emulators/slack/signed-request.js';
import { startSlackEmulator, type ResponseUrlPost } from '../emulators/slack/slack-emulator.js';
import { blockActionPayload, slashCommandPayload } from '../emulators/slack/slack-payloads.js';
import { seedTopics } from '../unit/commands/command-fixture.js';
import { fakeTime } from '../unit/delivery/delivery-builders.js';

export const signingSecret = 'emulated-signing-secret';
export type SlackMode = 'http' | 'socket';

/**
 * The whole Slack side of Sitrep against the emulator: the real Bolt app
 * (HTTP or Socket Mode), X's command core and delivery engine over one
 * MemoryStore, and scripted story readers for `why`.
 */
export async function slackFixture(mode: SlackMode) {
  const emulator = await startSlackEmulator();
  emulator.state.addChannel('C0NEWS', { name: 'news' });
  emulator.state.addUser('U0MEMBER');
  emulator.state.addUser('U0ADMIN', { isAdmin: true });
  const time = fakeTime();
  const store = new MemoryStore(() => time.clock().getTime());
  const subscriptions = createSubscriptionRepo(store);
  const adminNotices = createAdminNotices(store);
  const state = { stories: [] as Story[], items: [] as AnnotatedItem[] };
  const logger = createSilentLogger();

  const newAdapter = () =>
    createSlackAdapter({
      botToken: emulator.botToken,
      mode,
      signingSecret,
      appToken: emulator.appToken,
      port: 0,
      apiUrl: emulator.apiUrl,
      logger,
    });
  const newEngine = (adapter: SlackAdapter) =>
    createDeliveryEngine({ store, subscriptions, adapters: [adapter], clock: time.clock, sleep: time.sleep, adminNotices, concurrency: 2 });

  let adapter = newAdapter();
  let engine: DeliveryEngine = newEngine(adapter);
  const deps: CommandCoreDeps = {
    subscriptions,
    topics: createTopicsRegistry({ store, seed: seedTopics }),
    feeds: createFeedRegistry({ store, seed: [] }),
    validateFeedUrl: async () => ({ ok: true, title: 'Example Wire', itemCount: 1 }),
    feedHealth: async () => [],
    stories: {
      recent: async ({ limit }) => state.stories.slice(0, limit),
      findByUrl: async (url) => {
        const item = state.items.find((i) => i.link === url);
        if (!item) return null;
        return { item, story: state.stories.find((s) => s.reports.some((r) => r.itemId === item.id)) ?? null };
      },
    },
    search: createSearchIndex(),
    delivery: { channelStoryStatus: (...a) => engine.channelStoryStatus(...a), sentLastHour: (...a) => engine.sentLastHour(...a) },
    adminNotices,
    clock: time.clock,
  };
  const core = createCommandCore(deps);
  await adapter.start(core);

  const eventsUrl = () => `http://127.0.0.1:${adapter.port ?? 0}/slack/events`;

  /** `/sitrep <text>` through the transport under test; resolves with the response_url post. */
  async function command(text: string, who: { userId?: string; channelId?: string } = {}): Promise<ResponseUrlPost> {
    if (mode === 'socket') {
      const { responseUrl } = await emulator.slashCommand({ text, ...who });
      return emulator.responseTo(responseUrl);
    }
    const responseUrl = emulator.responseUrl();
    const result = await postSigned(eventsUrl(), slashCommandPayload({ text, teamId: emulator.teamId, responseUrl, ...who }), { signingSecret });
    if (result.status !== 200) throw new Error(`slash command answered ${result.status}`);
    return emulator.responseTo(responseUrl);
  }

  async function pressWhy(value: string, who: { userId?: string; channelId?: string; messageTs?: string } = {}): Promise<ResponseUrlPost> {
    if (mode === 'socket') {
      const { responseUrl } = await emulator.pressButton({ actionId: 'sitrep_why', value, ...who });
      return emulator.responseTo(responseUrl);
    }
    const responseUrl = emulator.responseUrl();
    const payload = blockActionPayload({ actionId: 'sitrep_why', value, teamId: emulator.teamId, responseUrl, ...who });
    const result = await postSigned(eventsUrl(), interactivityFields(payload), { signingSecret });
    if (result.status !== 200) throw new Error(`button press answered ${result.status}`);
    return emulator.responseTo(responseUrl);
  }

  /** Simulates a process restart: a new adapter and engine over the same store. */
  async function restart(): Promise<DeliveryEngine> {
    await adapter.stop();
    adapter = newAdapter();
    engine = newEngine(adapter);
    await adapter.start(core);
    return engine;
  }

  return {
    emulator,
    time,
    store,
    subscriptions,
    state,
    get engine() {
      return engine;
    },
    get adapter() {
      return adapter;
    },
    eventsUrl,
    command,
    pressWhy,
    restart,
    async close() {
      await adapter.stop();
      await emulator.close();
    },
  };
}

/** The text of a response_url post: its fallback and every section, joined. */
export function responseText(post: ResponseUrlPost): string {
  const blocks = (post.body.blocks ?? []) as { text?: { text?: string } }[];
  return [post.body.text ?? '', ...blocks.map((b) => b.text?.text ?? '')].join('\n');
}

