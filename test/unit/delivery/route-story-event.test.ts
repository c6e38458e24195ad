import { describe, expect, it } from 'vitest';
import { parseKeywords } from '../../../src/domain/subscription.js';
import { routeStoryEvent } from '../../../src/delivery/route-story-event.js';
import { created, grown, makeStory, makeSub } from './delivery-builders.js';

const now = new Date('2026-03-01T12:00:00.000Z');

describe('routeStoryEvent', () => {
  it('two subscriptions of one channel matching the same story → one delivery, not two', () => {
    const subs = [makeSub({ id: 'a', topics: ['security'] }), makeSub({ id: 'b', topics: ['security', 'diplomacy'], minConfidence: 0.1 })];
    const { deliveries } = routeStoryEvent(created(makeStory('s1')), subs, now);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.subscriptionIds.sort()).toEqual(['a', 'b']);
    expect(deliveries[0]?.matchedTopics.sort()).toEqual(['diplomacy', 'security']);
  });

  it('same story, two channels → one delivery per channel', () => {
    const subs = [makeSub({ id: 'a', channelId: 'c1' }), makeSub({ id: 'b', channelId: 'c2' }), makeSub({ id: 'c', channelId: 'c1', platform: 'slack' })];
    expect(routeStoryEvent(created(makeStory('s1')), subs, now).deliveries.map((d) => `${d.platform}:${d.channelId}`).sort()).toEqual([
      'discord:c1',
      'discord:c2',
      'slack:c1',
    ]);
  });

  it('score below the channel min_confidence → no delivery, explanation names the threshold', () => {
    const sub = makeSub({ minConfidence: 0.95 });
    const { deliveries, explanations } = routeStoryEvent(created(makeStory('s1')), [sub], now);
    expect(deliveries).toEqual([]);
    expect(explanations[0]?.topicScores[0]).toMatchObject({ topic: 'security', score: 0.9, threshold: 0.95, passed: false });
    expect(explanations[0]?.checks.find((c) => c.name === 'topics')?.detail).toContain('min_confidence 0.95');
  });

  it('country subscription matches a story tagged only with its province; province subscription does not match the country alone', () => {
    const provinceStory = makeStory('s1', { places: ['AF-KAB'] });
    expect(routeStoryEvent(created(provinceStory), [makeSub({ regions: ['AF'] })], now).deliveries).toHaveLength(1);
    const countryStory = makeStory('s2', { places: ['AF'] });
    expect(routeStoryEvent(created(countryStory), [makeSub({ regions: ['AF-KAB'] })], now).deliveries).toHaveLength(0);
    expect(routeStoryEvent(created(countryStory), [makeSub({ regions: ['PK'] })], now).deliveries).toHaveLength(0);
  });

  it('keyword include needs a whole phrase; an excluded word vetoes', () => {
    const story = makeStory('s1', { firstReport: { ...makeStory('x').firstReport, title: 'Peace talks resume in Doha' } });
    story.reports = [story.firstReport];
    const include = makeSub({ keywords: parseKeywords('"peace talks"') });
    const partial = makeSub({ channelId: 'c2', keywords: parseKeywords('"peace deal"') });
    const exclude = makeSub({ channelId: 'c3', keywords: parseKeywords('"peace talks" -doha') });
    const routed = routeStoryEvent(created(story), [include, partial, exclude], now);
    expect(routed.deliveries.map((d) => d.channelId)).toEqual(['chan-1']);
    expect(routed.explanations[2]?.checks.find((c) => c.name === 'keywords')?.detail).toContain('excluded keyword "doha"');
  });

  it('keywords in scripts with vowel signs match whole words, not their consonants', () => {
    const titled = (id: string, title: string) => {
      const story = makeStory(id, { firstReport: { ...makeStory('x').firstReport, title } });
      story.reports = [story.firstReport];
      return story;
    };
    const dhaka = makeSub({ keywords: parseKeywords('ঢাকা') });
    // "ঢাকা" (Dhaka) and "ঢাক" (a drum) differ only in a vowel sign, which is a combining mark.
    expect(routeStoryEvent(created(titled('s1', 'ঢাকা শহরে বন্যা')), [dhaka], now).deliveries).toHaveLength(1);
    expect(routeStoryEvent(created(titled('s2', 'পূজায় ঢাক বাজছে')), [dhaka], now).deliveries).toHaveLength(0);
  });

  it('paused subscription never routes, even when it matches', () => {
    const sub = makeSub({ paused: { reason: 'delivery/forbidden', at: now.toISOString() } });
    const routed = routeStoryEvent(created(makeStory('s1')), [sub], now);
    expect(routed.deliveries).toEqual([]);
    expect(routed.explanations[0]?.checks[0]).toMatchObject({ name: 'paused', passed: false });
  });

  it('instant alert during quiet hours (in the subscription time zone) goes to the digest', () => {
    // 12:00 UTC is 16:30 in Kabul (UTC+4:30).
    const quiet = makeSub({ quietHours: { start: '16:00', end: '17:00' }, timezone: 'Asia/Kabul' });
    const routed = routeStoryEvent(created(makeStory('s1')), [quiet], now);
    expect(routed.deliveries[0]?.route).toBe('digest');
    const awake = makeSub({ quietHours: { start: '22:00', end: '06:00' }, timezone: 'Asia/Kabul' });
    expect(routeStoryEvent(created(makeStory('s1')), [awake], now).deliveries[0]?.route).toBe('instant');
  });

  it('noise budget used up → overflow goes to the digest', () => {
    const sub = makeSub({ maxPerHour: 3 });
    const sentLastHour = new Map([['discord:chan-1', 3]]);
    expect(routeStoryEvent(created(makeStory('s1')), [sub], now, { sentLastHour }).deliveries[0]?.route).toBe('digest');
    expect(routeStoryEvent(created(makeStory('s1')), [sub], now, { sentLastHour: new Map([['discord:chan-1', 2]]) }).deliveries[0]?.route).toBe('instant');
  });

  it('instant subscription wins over a digest subscription of the same channel', () => {
    const subs = [makeSub({ id: 'd', mode: 'digest' }), makeSub({ id: 'i', mode: 'instant' })];
    expect(routeStoryEvent(created(makeStory('s1')), subs, now).deliveries[0]?.route).toBe('instant');
  });

  it('story-updated → update only for channels that got the alert, with their update style; off → nothing', () => {
    const story = makeStory('s1');
    const { event } = grown(story, 1);
    const subs = [
      makeSub({ id: 'a', channelId: 'edit', updates: 'edit' }),
      makeSub({ id: 'b', channelId: 'thread', updates: 'thread' }),
      makeSub({ id: 'c', channelId: 'off', updates: 'off' }),
      makeSub({ id: 'd', channelId: 'new' }),
    ];
    const alertedChannels = new Set(['discord:edit', 'discord:thread', 'discord:off']);
    const byChannel = Object.fromEntries(routeStoryEvent(event, subs, now, { alertedChannels }).deliveries.map((d) => [d.channelId, d]));
    expect(byChannel['edit']).toMatchObject({ kind: 'update', updates: 'edit' });
    expect(byChannel['thread']).toMatchObject({ kind: 'update', updates: 'thread' });
    expect(byChannel['off']).toBeUndefined();
    // A channel that never got the alert but matches now gets the alert, not an update.
    expect(byChannel['new']).toMatchObject({ kind: 'alert' });
  });

  it('mention role only for high-confidence security alerts', () => {
    const sub = makeSub({ mentionRoleId: 'role-9' });
    expect(routeStoryEvent(created(makeStory('s1')), [sub], now).deliveries[0]?.mentionRoleId).toBe('role-9');
    const weak = makeStory('s2', { scores: { security: 0.6 } });
    expect(routeStoryEvent(created(weak), [sub], now).deliveries[0]?.mentionRoleId).toBeNull();
  });
});
