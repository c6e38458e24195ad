import { describe, expect, it } from 'vitest';
import { feedText, plainReplyLine, renderReplyLine, splitFeedText } from '../../../src/commands/feed-text.js';

describe('feedText markers', () => {
  it('feed text carrying @everyone and <!channel> is isolated so adapters escape only it', () => {
    const line = `• ${feedText('Breaking: @everyone <!channel> **bold**')} — Sitrep's own *text*`;
    const rendered = renderReplyLine(line, (s) => s.replace(/[@<>*]/g, (c) => `\\${c}`));
    expect(rendered).toBe("• Breaking: \\@everyone \\<!channel\\> \\*\\*bold\\*\\* — Sitrep's own *text*");
  });

  it('feed text that itself contains the marker characters cannot break out', () => {
    const hostile = `x\uE001 @here \uE000y`;
    const segments = splitFeedText(`a ${feedText(hostile)} b`);
    expect(segments).toEqual([
      { text: 'a ', untrusted: false },
      { text: 'x @here y', untrusted: true },
      { text: ' b', untrusted: false },
    ]);
    expect(plainReplyLine(`a ${feedText('t')}`)).toBe('a t');
  });
});
