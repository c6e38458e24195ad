/**
 * One spelling per article link, so the same story is recognised however a feed tags it:
 * tracking parameters and fragments go, the host is lower-cased (URL does that), relative
 * links are resolved against the feed, and aggregator redirects that carry the target in
 * plain sight (Bing News) are unwrapped. Anything but http(s) is not a link we can share.
 */

/** Exact parameter names (lower case) that only ever identify a campaign or a click. */
const trackingNames = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'yclid', 'igshid', 'twclid', 'ttclid',
  'mc_cid', 'mc_eid', '_ga', '_gl', 'traffic_source', 'cmpid', 'cmp', 'ocid', 'ncid', 'smid',
  'smtyp', 'emc', 'partner', 'xtor', 'ito', 'ns_mchannel', 'ns_source', 'ns_campaign',
  'ns_linkname', 'ns_fee', 'wt.mc_id', 'wt.mc_ev', 'mkt_tok', 'spm', 'sr_share', 'rss_source',
  'ref_src', 'ref_url', 'soc_src', 'soc_trk', 'feedtype', 'feedname', 'wt_mc', 'wt_zmc',
]);

/** Prefixes of tracker families: Google (utm_), AT Internet/BBC (at_), Matomo, HubSpot. */
const trackingPrefixes = ['utm_', 'at_', 'pk_', 'mtm_', 'hsa_', '_hs', 'oly_'];

function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  if (trackingNames.has(lower)) return true;
  for (const prefix of trackingPrefixes) if (lower.startsWith(prefix)) return true;
  return false;
}

/** Drops tracking pairs from a `?a=1&b=2` string, keeping the rest byte for byte. */
function stripTracking(search: string): string {
  const pairs = search.slice(1).split('&');
  let kept = '';
  for (const pair of pairs) {
    if (pair.length === 0) continue;
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    if (isTrackingParameter(safeDecode(name))) continue;
    kept += kept.length === 0 ? pair : `&${pair}`;
  }
  return kept.length === 0 ? '' : `?${kept}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function parse(raw: string, base: string | undefined): URL | null {
  if (base !== undefined) {
    try {
      return new URL(raw, base);
    } catch {
      // A broken base must not cost us an absolute link; fall through.
    }
  }
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Bing News wraps every result in apiclick.aspx?…&url=<target>; the target is the article. */
function unwrapRedirect(url: URL): string | null {
  if (url.hostname.endsWith('bing.com') && url.pathname.toLowerCase() === '/news/apiclick.aspx') {
    return url.searchParams.get('url');
  }
  return null;
}

export function canonicalUrl(raw: string, base?: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.length === 0) return null;
  const url = parse(trimmed, base);
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  if (url.hostname.length === 0) return null;
  const target = unwrapRedirect(url);
  if (target !== null) {
    const unwrapped = canonicalUrl(target);
    if (unwrapped !== null) return unwrapped;
  }
  url.hash = '';
  if (url.search.length > 0) url.search = stripTracking(url.search);
  return url.href;
}
