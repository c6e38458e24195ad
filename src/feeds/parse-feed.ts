import { stripLeadingWhitespace } from './decode-body.js';
import { htmlToText } from './html-to-text.js';
import { readJsonFeed } from './json-feed-schema.js';
import type { ParsedFeed, ParseOutcome } from './parsed-feed.js';
import { parseXmlFeed } from './rss-parser-adapter.js';
import { channelHints, readXmlEnvelope, rootIsClosed, type XmlEnvelope } from './xml-envelope.js';
import { prefixRenames, renamePrefixes } from './xml-namespaces.js';
import { escapeBareAmpersands, isReferenceError, withoutLeadingJunk } from './xml-repair.js';

export type { ParsedFeed, ParseOutcome, RawFeedItem } from './parsed-feed.js';

/**
 * Decoded feed text → ParsedFeed, or a `feed/parse` outcome that says what is wrong and,
 * when it can, which channel it was. Never throws for bad input.
 *
 * Safety: rss-parser reads XML with sax (via xml2js), which never fetches external entities
 * and does not expand DOCTYPE-declared ones; we still refuse any DOCTYPE that declares
 * entities, so an entity-expansion bomb gets a clear error instead of a parser's
 * "invalid character entity" deep inside the document.
 */
export async function parseFeed(text: string): Promise<ParseOutcome> {
  const trimmed = stripLeadingWhitespace(text);
  if (trimmed.length === 0) return failure('the document is empty', null);
  if (trimmed.charCodeAt(0) === 123 /* { */) return parseJson(trimmed);

  const read = readWithExpectedPrefixes(withoutLeadingJunk(trimmed));
  if (!read.ok) return failure(read.message, read.body);
  const { envelope, body } = read;
  if (envelope.declaresEntities) {
    return failure('the DOCTYPE declares XML entities, which feeds never need (refused as a possible entity-expansion bomb)', body);
  }
  const root = envelope.rootName;
  if (root !== 'rss' && root !== 'feed' && !/^(?:[\w-]+:)?RDF$/.test(root)) {
    const what = root.toLowerCase() === 'html' ? 'an HTML page' : `an XML document with root <${root}>`;
    return failure(`not a feed: expected RSS, Atom, RDF or JSON Feed, got ${what}`, body);
  }
  // rss-parser reads an <rss> without a <channel> as a TypeError deep inside; say what is wrong.
  if (root === 'rss' && !/<channel[\s>]/.test(body)) return failure('not a feed: <rss> has no <channel>', body);
  try {
    const feed = await parseXmlWithRepairs(body, envelope);
    // sax reports an unclosed root today; the check keeps a truncated body an error even if
    // the XML layer ever turns lenient, because "0 items" would look like a quiet feed.
    if (!rootIsClosed(body, envelope)) {
      return failure(`the document is truncated: <${root}> is never closed`, body);
    }
    return { ok: true, feed };
  } catch (error) {
    const detail = describe(error);
    if (detail.startsWith('Unclosed root tag')) {
      return failure(`the document is truncated: <${root}> is never closed (${detail})`, body);
    }
    return failure(`malformed XML: ${detail}`, body);
  }
}

/**
 * The envelope, read again after the prefixes of the namespaces we read are renamed to the
 * ones the parser expects (xml-namespaces.ts); most documents need no renaming.
 */
function readWithExpectedPrefixes(text: string): { ok: true; envelope: XmlEnvelope; body: string } | { ok: false; message: string; body: string } {
  const first = readXmlEnvelope(text);
  if (!first.ok) return { ok: false, message: first.message, body: text };
  const renames = prefixRenames(first.envelope.rootName, text);
  if (renames.size === 0) return { ok: true, envelope: first.envelope, body: text };
  const body = renamePrefixes(text, renames);
  const second = readXmlEnvelope(body);
  return second.ok ? { ok: true, envelope: second.envelope, body } : { ok: false, message: second.message, body };
}

/**
 * Parses strictly, and once more with the ampersands repaired when the only fault is a
 * reference (escapeBareAmpersands): a well-formed feed is read exactly as written, and one
 * "AT&T" no longer costs a feed all its items. Any other fault stays an error.
 */
async function parseXmlWithRepairs(body: string, envelope: XmlEnvelope): Promise<ParsedFeed> {
  try {
    return await parseXmlFeed(body, envelope);
  } catch (error) {
    if (!isReferenceError(describe(error))) throw error;
    return parseXmlFeed(escapeBareAmpersands(body), envelope);
  }
}

function parseJson(body: string): ParseOutcome {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    return failure(`malformed JSON: ${describe(error)}`, null);
  }
  const outcome = readJsonFeed(document);
  if (outcome.ok) return { ok: true, feed: outcome.feed };
  return failure(outcome.message, null);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // sax puts line/column/char on separate lines; one line reads better in a health record.
  return message
    .replace(/\s*\n\s*/g, ', ')
    .replace(/,\s*Char:\s*$/, '')
    .trim();
}

function failure(message: string, body: string | null): ParseOutcome {
  const hints = body === null ? { title: null, link: null } : channelHints(body);
  return {
    ok: false,
    code: 'feed/parse',
    message,
    channel: {
      title: hints.title === null ? null : htmlToText(hints.title, { singleLine: true }) || null,
      link: hints.link?.trim() || null,
    },
  };
}
