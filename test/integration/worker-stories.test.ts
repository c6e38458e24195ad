import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/domain/logger.js';
import type { StoryEvent } from '../../src/domain/story.js';
import { createSitrep, type Sitrep } from '../../src/main.js';
import type { FeedDefinition } from '../../src/pipeline/feed-definition.js';
import { loadConfig, type SitrepConfig } from '../../src/settings/load-config.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startFeedServer, type FeedServer } from '../emulators/feed-server.js';

/** One RSS document with the given items (we write these; no publisher text). */
function rss(title: string, items: { guid: string; title: string; description: string; minutesAgo: number }[]): string {
  const now = Date.now();
  const body = items
    .map(
      (item) => `<item><title>${item.title}</title><link>https://news.example/${item.guid}</link><guid>${item.guid}</guid>` +
        `<pubDate>${new Date(now - item.minutesAgo * 60_000).toUTCString()}</pubDate><description>${item.description}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>https://news.example/</link>${body}</channel></rss>`;
}

const kunduz = {
  wire: { guid: 'wire-1', title: 'Suicide bomber kills 12 at mosque in northern Afghan city of Kunduz', description: 'A suicide bomber killed at least 12 worshippers during Friday prayers at a Shia mosque in Kunduz, police said, in an attack claimed by Islamic State.', minutesAgo: 90 },
  broadcaster: { guid: 'bc-1', title: 'Kunduz mosque bombing: Islamic State claims attack that killed a dozen worshippers', description: 'Islamic State said it carried out the suicide bombing at a mosque in Kunduz during Friday prayers, which local officials say killed 12 people and wounded dozens.', minutesAgo: 70 },
  regional: { guid: 'rg-1', title: 'At least 12 killed as blast hits Friday prayers in Kunduz mosque', description: 'An explosion tore through a mosque in the northern city of Kunduz during Friday prayers, killing at least 12 people, a provincial spokesman said.', minutesAgo: 50 },
  // Same province, different event: a flood days later is not the bombing story.
  other: { guid: 'rg-2', title: 'Flash floods in Kunduz province destroy homes and farmland', description: 'Heavy rain caused flash floods across Kunduz province, destroying hundreds of homes and farmland, the disaster management authority said.', minutesAgo: 30 },
};

describe('worker: one alert per story, updated as outlets report', () => {
  let server: FeedServer;
  let sitrep: Sitrep | undefined;
  let config: SitrepConfig;

  beforeEach(async () => {
    server = await startFeedServer();
    const base = await loadConfig({ configDir: resolve('config'), env: {} });
    config = { ...base, settings: { ...base.settings, fetch: { ...base.settings.fetch, allowPrivateNetworks: true } } };
  });
  afterEach(async () => {
    await sitrep?.stop(1_000);
    await server.close();
  });

  function feed(id: string, source: string): FeedDefinition {
    return { id, url: server.url(`/${id}.xml`), source, intervalMinutes: 15, regionHints: [], topicHints: [], enabled: true, backfill: 0 };
  }

  it('three outlets report one bombing and a fourth a flood in the same province → two stories, two alerts', async () => {
    server.route('/wire.xml', { body: rss('Wire', [kunduz.wire]) });
    server.route('/broadcaster.xml', { body: rss('Broadcaster', [kunduz.broadcaster]) });
    server.route('/regional.xml', { body: rss('Regional', [kunduz.regional, kunduz.other]) });
    const events: StoryEvent[] = [];
    sitrep = await createSitrep({
      config,
      logger: createSilentLogger(),
      adapters: [],
      feeds: [feed('wire', 'Wire Agency'), feed('broadcaster', 'Broadcaster'), feed('regional', 'Regional Daily')],
      store: new MemoryStore(),
      announceFirstPoll: true,
      onStoryEvent: (event) => void events.push(event),
    });
    await sitrep.pollOnce({ force: true });

    const created = events.filter((event) => event.kind === 'story-created');
    const updated = events.filter((event) => event.kind === 'story-updated');
    // Feeds finish in any order within a cycle; whichever bombing report came first made the alert.
    expect(created).toHaveLength(2);
    expect(created.map((event) => event.item.title)).toContain(kunduz.other.title);
    expect(updated).toHaveLength(2);
    const bombing = updated.at(-1)?.story;
    expect(bombing?.reports.map((report) => report.source).sort()).toEqual(['Broadcaster', 'Regional Daily', 'Wire Agency']);
    expect(bombing?.places).toContain('AF');
    const flood = created.find((event) => event.item.title === kunduz.other.title);
    expect(flood?.story.id).not.toBe(bombing?.id);
    expect(flood?.story.reports).toHaveLength(1);
  });

  it('a report that matches two stories of one earthquake merges them: one story, its alert updated', async () => {
    const quake = {
      feature: { guid: 'bbc-cali', title: 'In shattered Cali, residents search for loved ones', description: 'Families wait outside collapsed apartment towers in the Colombian city of Cali.', minutesAgo: 180 },
      flash: { guid: 'ap-quake', title: 'Magnitude 7.4 earthquake strikes western Colombia', description: 'The quake was felt across the Valle del Cauca region, seismologists said.', minutesAgo: 120 },
      wire: { guid: 'rt-quake', title: 'Colombia earthquake: rescuers search collapsed towers in Cali', description: 'Rescuers in Cali searched collapsed apartment towers for survivors after the magnitude 7.4 earthquake struck western Colombia.', minutesAgo: 60 },
    };
    server.route('/broadcaster.xml', { body: rss('Broadcaster', [quake.feature]) });
    server.route('/wire.xml', { body: rss('Wire', []) });
    const events: StoryEvent[] = [];
    sitrep = await createSitrep({
      config,
      logger: createSilentLogger(),
      adapters: [],
      feeds: [feed('broadcaster', 'Broadcaster'), feed('wire', 'Wire Agency')],
      store: new MemoryStore(),
      announceFirstPoll: true,
      onStoryEvent: (event) => void events.push(event),
    });
    await sitrep.pollOnce({ force: true });
    server.route('/wire.xml', { body: rss('Wire', [quake.flash]) });
    await sitrep.pollOnce({ force: true });
    server.route('/wire.xml', { body: rss('Wire', [quake.flash, quake.wire]) });
    await sitrep.pollOnce({ force: true });

    expect(events.map((event) => event.kind)).toEqual(['story-created', 'story-created', 'story-updated']);
    const [feature, flash, merged] = events;
    expect(merged?.kind === 'story-updated' && merged.absorbed).toEqual([flash?.story.id]);
    expect(merged?.story.id).toBe(feature?.story.id);
    expect(merged?.story.reports.map((report) => report.source)).toEqual(['Broadcaster', 'Wire Agency', 'Wire Agency']);
  });

  it('worker restarted on the same store → the same items are not announced again', async () => {
    server.route('/wire.xml', { body: rss('Wire', [kunduz.wire]) });
    const store = new MemoryStore();
    const events: StoryEvent[] = [];
    const start = () =>
      createSitrep({ config, logger: createSilentLogger(), adapters: [], feeds: [feed('wire', 'Wire Agency')], store, announceFirstPoll: true, onStoryEvent: (event) => void events.push(event) });
    sitrep = await start();
    await sitrep.pollOnce({ force: true });
    // A second process on the same store (the real store would be a file or a server).
    sitrep = await start();
    server.route('/wire.xml', { body: rss('Wire', [kunduz.wire, kunduz.regional]) });
    await sitrep.pollOnce({ force: true });
    expect(events.map((event) => `${event.kind}:${event.item.title}`)).toEqual([
      `story-created:${kunduz.wire.title}`,
      `story-updated:${kunduz.regional.title}`,
    ]);
  });
});
