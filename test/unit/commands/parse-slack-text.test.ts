import { describe, expect, it } from 'vitest';
import { parseSlackText, tokenize } from '../../../src/commands/parse-slack-text.js';
import { parseKeywords } from '../../../src/domain/subscription.js';
import { commandFixture } from './command-fixture.js';

describe('parseSlackText', () => {
  it('the documented example → path and options, quoted phrase and bare exclusion kept as keywords', () => {
    const parsed = parseSlackText('subscribe topics:security,diplomacy regions:AF keywords:"peace talks" -sports min_confidence:0.6');
    expect(parsed).toEqual({
      ok: true,
      path: ['subscribe'],
      options: { topics: 'security,diplomacy', regions: 'AF', keywords: '"peace talks" -sports', min_confidence: '0.6' },
    });
    if (parsed.ok) expect(parseKeywords(parsed.options['keywords'] ?? '')).toEqual({ include: ['peace talks'], exclude: ['sports'] });
  });

  it('URLs are positional values, not key:value pairs', () => {
    expect(parseSlackText('why https://news.example/a?b=1')).toEqual({ ok: true, path: ['why'], options: { url: 'https://news.example/a?b=1' } });
    expect(parseSlackText('feeds add https://wire.example/rss interval:30')).toEqual({
      ok: true,
      path: ['feeds', 'add'],
      options: { url: 'https://wire.example/rss', interval: '30' },
    });
  });

  it('groups: feeds interval <id> <minutes>, tune topic:<id> add-term <phrase>', () => {
    expect(parseSlackText('feeds interval un-news 30')).toEqual({ ok: true, path: ['feeds', 'interval'], options: { id: 'un-news', minutes: '30' } });
    expect(parseSlackText('tune topic:security add-term "drone strike"')).toEqual({
      ok: true,
      path: ['tune', 'add-term'],
      options: { topic: 'security', term: '"drone strike"' },
    });
  });

  it('search collects bare words as the query; smart quotes from Slack clients count as quotes', () => {
    expect(parseSlackText('search kabul airport hours:48')).toEqual({ ok: true, path: ['search'], options: { query: 'kabul airport', hours: '48' } });
    expect(tokenize('keywords:“peace talks” x')).toEqual(['keywords:"peace talks"', 'x']);
  });

  it('bad input → a message plus usage help, never a guess', () => {
    const unknownOption = parseSlackText('subscribe topics:security colour:red');
    expect(unknownOption.ok).toBe(false);
    if (!unknownOption.ok) {
      expect(unknownOption.message).toContain('colour: unknown option');
      expect(unknownOption.usage[0]).toContain('Usage: /sitrep subscribe topics:<ids>');
    }
    const extra = parseSlackText('status now');
    expect(extra.ok === false && extra.message).toBe('unexpected "now" for /sitrep status');
    const noSub = parseSlackText('feeds');
    expect(noSub.ok === false && noSub.message).toContain('needs one of: list, add, remove');
    const help = parseSlackText('');
    expect(help.ok === false && help.usage.length).toBeGreaterThan(10);
    expect(parseSlackText('explode').ok).toBe(false);
  });

  it('parsed Slack text drives the same core: bad value → the same specific error', async () => {
    const { run } = commandFixture();
    const parsed = parseSlackText('subscribe topics:security min_confidence:2');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect((await run(parsed.path, parsed.options, { platform: 'slack' })).lines[0]).toBe('min_confidence: expected a number between 0 and 1, got "2"');
  });
});
