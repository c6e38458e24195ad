import { decodeFeedBody } from './decode-body.js';
import { parseFeed, type ParsedFeed } from './parse-feed.js';

export type DecodeAndParseOutcome =
  | { ok: true; feed: ParsedFeed; charset: string }
  | { ok: false; code: 'feed/decode' | 'feed/parse'; message: string };

/** Bytes as fetched (or read from a file) → a parsed feed, or a coded failure value. */
export async function decodeAndParseFeed(body: Buffer, contentType: string | null): Promise<DecodeAndParseOutcome> {
  let text: string;
  let charset: string;
  try {
    const decoded = decodeFeedBody(body, contentType);
    text = decoded.text;
    charset = decoded.charset;
  } catch (error) {
    return { ok: false, code: 'feed/decode', message: `cannot decode the body: ${String(error)}` };
  }
  try {
    const outcome = await parseFeed(text);
    return outcome.ok ? { ok: true, feed: outcome.feed, charset } : { ok: false, code: 'feed/parse', message: outcome.message };
  } catch (error) {
    return { ok: false, code: 'feed/parse', message: String(error) };
  }
}
