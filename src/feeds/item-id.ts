import * as crypto from 'node:crypto';

/**
 * The item's stable id: a 16-hex-digit hash of its strongest identity. A canonical link
 * wins (so one story in two feeds of one publisher gets one id), then the feed's guid, then
 * the normalized title and summary. Each kind hashes under its own prefix so a guid can
 * never collide with a link that happens to have the same spelling.
 */
export interface ItemIdentity {
  feedId: string;
  link: string | null;
  guid: string | null;
  title: string;
  summary: string;
}

export function normalizedTitleKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function itemId(identity: ItemIdentity): string {
  const key =
    identity.link !== null
      ? `link\u0000${identity.link}`
      : identity.guid !== null
        ? `guid\u0000${identity.feedId}\u0000${identity.guid}`
        : `text\u0000${identity.feedId}\u0000${normalizedTitleKey(identity.title)}\u0000${normalizedTitleKey(identity.summary)}`;
  return sha256Hex(key).slice(0, 16);
}

// crypto.hash (Node ≥ 20.12) is a one-shot digest about ten times cheaper than createHash for
// short inputs; ingest hashes every item, so use it where the runtime has it.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256Hex(key: string): string {
  return oneShot !== undefined ? oneShot('sha256', key, 'hex') : crypto.createHash('sha256').update(key).digest('hex');
}
