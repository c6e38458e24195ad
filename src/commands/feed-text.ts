/**
 * Reply lines are plain strings written by Sitrep. Text that did not come from
 * Sitrep (feed titles, summaries, links, feed error messages, words people typed)
 * is wrapped in two private-use markers so every adapter can find it and escape
 * it for its own markup: Discord markdown and mentions, Slack mrkdwn and <!here>.
 */
export const feedTextOpen = '\uE000';
export const feedTextClose = '\uE001';

const markers = /[\uE000\uE001]/g;

/** Marks untrusted text inside a reply line (markers inside it are removed). */
export function feedText(text: string): string {
  return `${feedTextOpen}${text.replace(markers, '')}${feedTextClose}`;
}

export interface LineSegment {
  text: string;
  /** True for text that came from a feed or a user: escape it. */
  untrusted: boolean;
}

/** Splits a reply line into Sitrep's own text and marked untrusted text. */
export function splitFeedText(line: string): LineSegment[] {
  const segments: LineSegment[] = [];
  let rest = line;
  while (rest.length > 0) {
    const open = rest.indexOf(feedTextOpen);
    if (open < 0) {
      segments.push({ text: rest, untrusted: false });
      break;
    }
    if (open > 0) segments.push({ text: rest.slice(0, open), untrusted: false });
    const close = rest.indexOf(feedTextClose, open + 1);
    const end = close < 0 ? rest.length : close;
    segments.push({ text: rest.slice(open + 1, end), untrusted: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return segments.filter((segment) => segment.text.length > 0);
}

/** Renders a line for a platform: `escape` is applied to untrusted segments only. */
export function renderReplyLine(line: string, escape: (untrusted: string) => string): string {
  return splitFeedText(line)
    .map((segment) => (segment.untrusted ? escape(segment.text) : segment.text))
    .join('');
}

/** The line as plain text (console, logs, tests). */
export function plainReplyLine(line: string): string {
  return line.replace(markers, '');
}
