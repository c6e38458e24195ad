import type { FeedUrlCheck } from '../commands/command-core.js';
import { decodeAndParseFeed } from '../feeds/decode-and-parse.js';
import type { FeedFetcher } from '../feeds/fetch-feed.js';
import { isHttpUrl } from '../settings/feeds-schema.js';

/**
 * `/sitrep feeds add <url>` accepts a feed only after fetching and parsing it. The fetcher
 * refuses private and loopback addresses (unless allowed) at connect time, so a URL that
 * resolves to one is refused here with `feed/private-address`.
 */
export function validateFeedUrlWith(fetcher: FeedFetcher, allowPrivateNetworks: boolean): (url: string) => Promise<FeedUrlCheck> {
  return async (url) => {
    if (!isHttpUrl(url)) return { ok: false, code: 'command/invalid-arguments', message: `expected an http(s) URL, got "${url}"` };
    const result = await fetcher({ url });
    if (result.status === 'failed') {
      const hint = result.code === 'feed/private-address' && !allowPrivateNetworks ? ' (private, loopback and link-local addresses are refused)' : '';
      return { ok: false, code: result.code, message: `${result.message}${hint}` };
    }
    if (result.status === 'unchanged') return { ok: false, code: 'feed/http-304', message: 'the server answered 304 to an unconditional request' };
    const parsed = await decodeAndParseFeed(result.body, result.contentType);
    if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message };
    return { ok: true, title: parsed.feed.title ?? new URL(url).hostname, itemCount: parsed.feed.items.length };
  };
}
