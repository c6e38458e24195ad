/**
 * Posts of one live blog are one story by the publisher's own grouping: the New York
 * Times files each post of a live page at `/live/<date>/<section>/<page-slug>/<post-slug>`,
 * and a live page's fortieth post should update the page's alert, not post a new one,
 * however little its headline says ("Here's the latest."). The page is the post's
 * parent path when a live marker precedes it and the parent ends in a slug; a link
 * that is itself the page (`/liveblog/2026/8/13/iran-war-live-…`) names no parent page.
 */
const liveMarkers: ReadonlySet<string> = new Set(['live', 'liveblog', 'live-news', 'live-updates']);
const slug = /^(?=.*\p{L})[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+$/u;

export function livePageOf(link: string | null | undefined): string | null {
  if (!link) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const segments = url.pathname.split('/').filter((segment) => segment.length > 0);
  const marker = segments.findIndex((segment) => liveMarkers.has(segment.toLowerCase()));
  // Marker, page slug and post slug at least.
  if (marker < 0 || segments.length - marker < 3) return null;
  const page = segments.slice(0, -1);
  const pageSlug = page[page.length - 1] ?? '';
  if (page.length <= marker || !slug.test(pageSlug)) return null;
  return `${url.hostname.replace(/^www\./, '').toLowerCase()}/${page.join('/')}`;
}
