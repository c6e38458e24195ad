import { describe, expect, it } from 'vitest';
import { livePageOf } from '../../../src/intel/cluster/live-page.js';

describe('livePageOf', () => {
  it('names the page of a live-blog post, the same for every post on it', () => {
    const page = 'nytimes.com/live/2026/08/12/world/solar-eclipse-2026-updates';
    expect(livePageOf('https://www.nytimes.com/live/2026/08/12/world/solar-eclipse-2026-updates/heres-the-latest')).toBe(page);
    expect(livePageOf('https://nytimes.com/live/2026/08/12/world/solar-eclipse-2026-updates/total-eclipse-spain?smid=url')).toBe(page);
  });

  it('names no page for a link that is the live page itself or an ordinary article', () => {
    expect(livePageOf('https://www.aljazeera.com/news/liveblog/2026/8/13/iran-war-live-us-tehran-exchange-claims')).toBeNull();
    expect(livePageOf('https://www.nytimes.com/2026/08/12/world/europe/eclipse-iceland-weather.html')).toBeNull();
    expect(livePageOf('https://www.bbc.co.uk/news/live/c5y49xp2wrno')).toBeNull();
  });

  it('does not take a section for a page, so two live pages of one section stay apart', () => {
    expect(livePageOf('https://example.com/live/2026/08/12/world')).toBeNull();
    expect(livePageOf('https://example.com/live/world/eclipse-updates')).toBeNull();
  });

  it('reads nothing from a missing or malformed link', () => {
    expect(livePageOf(null)).toBeNull();
    expect(livePageOf(undefined)).toBeNull();
    expect(livePageOf('not a url /live/a-b/c-d')).toBeNull();
  });
});
