import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/domain/alert.js';
import { ConsoleAdapter, formatItemLine } from '../../../src/adapters/console/console-adapter.js';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

const alert: Alert = {
  storyId: 's1',
  title: 'UN envoy meets Taliban officials in Kabul',
  link: 'https://news.un.org/en/story/1',
  summary: 'The envoy discussed girls’ education.',
  source: 'UN News',
  published: '2026-11-28T10:15:00Z',
  topics: [{ id: 'diplomacy', label: 'Diplomacy', score: 0.91 }],
  places: ['AF', 'AF-KAB'],
  actors: ['taliban'],
  alsoReportedBy: [{ source: 'TOLOnews', title: 'Envoy in Kabul', link: null }],
  reportCount: 2,
};

describe('console adapter', () => {
  it('prints an alert as readable lines with source, link, topics, places and other outlets', async () => {
    const out = sink();
    const adapter = new ConsoleAdapter(out.stream);
    await adapter.start(async () => ({ ephemeral: true, lines: [] }));
    const outcome = await adapter.send({ kind: 'alert', channelId: 'console', idempotencyKey: 'k1', alert });
    expect(outcome.status).toBe('delivered');
    expect(out.text()).toContain('ALERT [2026-11-28 10:15Z] UN News: UN envoy meets Taliban officials in Kabul');
    expect(out.text()).toContain('https://news.un.org/en/story/1');
    expect(out.text()).toContain('topics: Diplomacy 0.91');
    expect(out.text()).toContain('places: AF, AF-KAB');
    expect(out.text()).toContain('2 reports · also: TOLOnews');
  });

  it('the same idempotency key twice prints once and findPosted returns the first ref', async () => {
    const out = sink();
    const adapter = new ConsoleAdapter(out.stream);
    const first = await adapter.send({ kind: 'notice', channelId: 'c', idempotencyKey: 'n1', notice: { level: 'warning', text: 'feed paused' } });
    const second = await adapter.send({ kind: 'notice', channelId: 'c', idempotencyKey: 'n1', notice: { level: 'warning', text: 'feed paused' } });
    expect(second).toEqual(first);
    expect(out.text().match(/WARNING feed paused/g)).toHaveLength(1);
    expect(await adapter.findPosted('c', 'n1')).toEqual(first.status === 'delivered' ? first.ref : null);
    expect(await adapter.findPosted('c', 'other')).toBeNull();
  });

  it('prints digests and thread updates', async () => {
    const out = sink();
    const adapter = new ConsoleAdapter(out.stream);
    await adapter.send({
      kind: 'digest', channelId: 'c', idempotencyKey: 'd', part: 1,
      digest: { title: 'Daily', since: '2026-11-27T00:00:00Z', until: '2026-11-28T00:00:00Z', sections: [{ topic: alert.topics[0]!, alerts: [alert] }] },
    });
    await adapter.send({ kind: 'update-thread', channelId: 'c', idempotencyKey: 'u', alert, target: { platform: 'console', channelId: 'c', messageId: '1' } });
    expect(out.text()).toContain('DIGEST Daily');
    expect(out.text()).toContain('    • UN News: UN envoy meets Taliban officials in Kabul');
    expect(out.text()).toContain('UPDATE (thread of #1)');
  });

  it('feed text carrying terminal escape sequences cannot repaint the terminal', () => {
    const line = formatItemLine({
      id: 'i', feedId: 'evil', title: 'Hi\u001b[2J\u001b[31mthere\r\nfake line', summary: '', link: null, guid: null,
      published: '2026-11-28T10:00:00Z', sourceTags: [], language: 'en',
    });
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toBe('[2026-11-28 10:00Z] evil: Hi [2J [31mthere fake line');
  });
});
