import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../src/domain/alert.js';
import { escapeAndTruncate, escapeSlack, safeUrl, slackLink } from '../../../../src/adapters/slack/escape-slack.js';
import { alertMessage } from '../../../../src/adapters/slack/render-alert.js';
import { digestMessage, packSections, replyMessage } from '../../../../src/adapters/slack/render-messages.js';
import { feedText } from '../../../../src/commands/feed-text.js';

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    storyId: 's1',
    title: 'Clashes near Kabul airport',
    link: 'https://news.example/a',
    summary: 'Fighting broke out overnight.',
    source: 'Outlet A',
    published: '2026-03-01T10:00:00.000Z',
    topics: [{ id: 'security', label: 'Security', score: 0.91 }],
    places: ['AF', 'AF-KAB'],
    actors: [],
    alsoReportedBy: [],
    reportCount: 1,
    ...overrides,
  };
}

type AnyBlock = { type: string; text?: { text: string }; elements?: { text?: string | { text: string }; value?: string }[] };
const texts = (blocks: unknown[]) => (blocks as AnyBlock[]).flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text?.text ?? ''))]);

describe('Slack escaping', () => {
  it('special mentions, user/channel mentions and links from feed text → inert text', () => {
    expect(escapeSlack('<!channel> <!here> <!everyone> <@U1> <#C1> <!subteam^S1> a & b')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U1&gt; &lt;#C1&gt; &lt;!subteam^S1&gt; a &amp; b',
    );
  });

  it('bare @channel / @here words → broken with a zero-width space', () => {
    expect(escapeSlack('@here now')).toBe('@\u200bhere now');
  });

  it('truncation at an entity → never leaves half an &amp;', () => {
    const cut = escapeAndTruncate(`${'x'.repeat(8)}&&&&`, 12);
    expect(cut).toMatch(/…$/);
    expect(cut).not.toMatch(/&[a-z]*…$/);
  });

  it('javascript: and malformed links → no link; | and > in a URL → percent-encoded', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(slackLink('x', 'https://e.example/a|b>c')).toBe('<https://e.example/a%7Cb%3Ec|x>');
  });
});

describe('Slack alert blocks', () => {
  it('a 10,000-character summary → section text within 3,000 characters, fallback text present', () => {
    const rendered = alertMessage(alert({ summary: 'word '.repeat(2_000) }));
    for (const block of rendered.blocks as AnyBlock[]) if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3_000);
    expect(rendered.text).toContain('Clashes near Kabul airport');
  });

  it('60 other outlets → "also reported by" capped with a count, blocks well under 50', () => {
    const others = Array.from({ length: 60 }, (_, i) => ({ source: `Outlet ${i}`, title: `t${i}`, link: null }));
    const rendered = alertMessage(alert({ alsoReportedBy: others, reportCount: 61 }));
    const joined = texts(rendered.blocks).join('\n');
    expect(joined).toContain('and 52 more');
    expect(joined).toContain('61 reports');
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
  });

  it('topic chips carry scores; place and time are shown', () => {
    const joined = texts(alertMessage(alert()).blocks).join('\n');
    expect(joined).toContain('`Security 0.91`');
    expect(joined).toContain('AF, AF-KAB');
    expect(joined).toContain('<!date^1772359200^');
  });

  it('a subscription user group to ping → <!subteam^S…> in text and headline; anything not a group id → no mention', () => {
    const pinged = alertMessage(alert(), { mentionGroupId: 'S0SECURITY' });
    expect(pinged.text.startsWith('<!subteam^S0SECURITY> ')).toBe(true);
    expect(texts(pinged.blocks)[0]).toMatch(/^<!subteam\^S0SECURITY> \*</);
    expect(alertMessage(alert(), { mentionGroupId: '!channel' }).text).not.toContain('<!');
  });

  it('a huge link → the Why this? value stays within 2,000 characters and keeps the story id', () => {
    const rendered = alertMessage(alert({ link: `https://e.example/${'a'.repeat(2_100)}` }));
    const button = (rendered.blocks as AnyBlock[]).find((b) => b.type === 'actions')?.elements?.[0];
    expect(button?.value?.length).toBeLessThanOrEqual(2_000);
    expect(JSON.parse(button?.value ?? '{}')).toEqual({ storyId: 's1', link: null });
  });
});

describe('Slack replies and digests', () => {
  it('a reply with "<" in Sitrep’s own words and <!channel> in feed text → both escaped', () => {
    const rendered = replyMessage({ ephemeral: true, title: 'Sitrep: why', lines: [`security 0.40 < 0.50`, `Seen: ${feedText('<!channel> title')}`] });
    const joined = texts(rendered.blocks).join('\n');
    expect(joined).toContain('0.40 &lt; 0.50');
    expect(joined).toContain('&lt;!channel&gt; title');
    expect(joined).not.toContain('\uE000');
  });

  it('500 long lines → at most 50 blocks, each section within 3,000, the rest counted', () => {
    const blocks = packSections(Array.from({ length: 500 }, (_, i) => `${i} ${'x'.repeat(400)}`), 50) as AnyBlock[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3_000);
    expect(blocks[blocks.length - 1]?.elements?.[0]?.text).toMatch(/more line\(s\) not shown/);
  });

  it('a digest → header, period and linked stories per topic', () => {
    const rendered = digestMessage({
      title: 'Sitrep digest',
      since: '2026-03-01T08:00:00.000Z',
      until: '2026-03-02T08:00:00.000Z',
      sections: [{ topic: { id: 'security', label: 'Security', score: 0.9 }, alerts: [alert({ reportCount: 3 })] }],
    });
    const joined = texts(rendered.blocks).join('\n');
    expect(joined).toContain('*Security*');
    expect(joined).toContain('<https://news.example/a|Clashes near Kabul airport>');
    expect(joined).toContain('3 reports');
  });
});
