import { contentTerms } from './salient-terms.js';

/**
 * What kind of happening a headline names, and where it happened, in coarse classes.
 * Two reports from one place whose headlines name different kinds ("gunmen abduct
 * pupils from school" / "gunmen abduct worshippers from mosque"; "settlers besiege
 * families" / "family sleeps in the open after demolition") are usually two events,
 * however many words they share. Synonyms share a class, so outlets that word one
 * event differently ("blast" / "bombing") do not conflict.
 */
export type KindDimension = 'incident' | 'venue';

const lexicon: Record<KindDimension, Record<string, readonly string[]>> = {
  incident: {
    abduction: ['kidnap', 'kidnapped', 'kidnapping', 'abduct', 'abducted', 'abduction', 'hostage', 'hostages'],
    bombing: ['bomb', 'bombing', 'bomber', 'blast', 'explosion', 'suicide'],
    shooting: ['shooting', 'shot', 'gunman', 'gunmen', 'gunfire', 'gunfight', 'shootout'],
    crash: ['crash', 'crashes', 'collision', 'derail', 'derailed', 'derailment'],
    flood: ['flood', 'floods', 'flooding', 'landslide', 'landslides'],
    earthquake: ['earthquake', 'quake', 'tremor', 'aftershock'],
    fire: ['fire', 'blaze', 'wildfire', 'wildfires', 'inferno'],
    // Not "storm": troops and protesters storm places too.
    cyclone: ['cyclone', 'typhoon', 'hurricane'],
    tsunami: ['tsunami'],
    eruption: ['eruption', 'volcano', 'volcanic'],
    siege: ['siege', 'besiege', 'besieged', 'besieging'],
    demolition: ['demolition', 'demolish', 'demolished', 'bulldoze', 'bulldozed'],
    election: ['election', 'elections', 'polls', 'vote', 'ballot', 'runoff'],
    protest: ['protest', 'protests', 'protesters', 'demonstration', 'demonstrators', 'rally'],
    resignation: ['resign', 'resigns', 'resignation'],
    // Talks and the battlefield are different events, however many names they share.
    meeting: ['meet', 'meets', 'meeting', 'talks', 'receives', 'hosts', 'discuss', 'discusses'],
    capture: ['seize', 'seizes', 'seized', 'capture', 'captures', 'captured', 'overrun', 'falls'],
  },
  venue: {
    school: ['school', 'schools', 'pupils', 'schoolchildren', 'students', 'university', 'college'],
    mosque: ['mosque', 'worshippers'],
    church: ['church', 'cathedral', 'congregation'],
    hospital: ['hospital', 'clinic'],
    market: ['market', 'bazaar'],
    camp: ['camp', 'camps'],
    prison: ['prison', 'jail'],
    train: ['train', 'railway'],
    aircraft: ['plane', 'aircraft', 'helicopter', 'chopper', 'jet'],
    ship: ['ship', 'vessel', 'ferry', 'boat', 'tanker'],
  },
};

const classOf = new Map<string, { dimension: KindDimension; kind: string }>();
for (const dimension of Object.keys(lexicon) as KindDimension[]) {
  for (const [kind, words] of Object.entries(lexicon[dimension])) {
    for (const word of words) for (const term of contentTerms(word)) classOf.set(term, { dimension, kind });
  }
}

/**
 * Disasters a country rarely has two of at once: within the window, reports of an
 * earthquake in one country are reports of the same earthquake (aftershocks included),
 * however differently a feature and a wire story are worded. Floods, fires and crashes
 * are not on the list: a country can have several in a day.
 */
const singularKinds: ReadonlySet<string> = new Set(['earthquake', 'cyclone', 'tsunami', 'eruption']);

/** The singular disasters named anywhere in these terms (headline and lede). */
export function singularDisasters(terms: readonly string[]): string[] {
  const found = new Set<string>();
  for (const term of terms) {
    const kind = classOf.get(term)?.kind;
    if (kind !== undefined && singularKinds.has(kind)) found.add(kind);
  }
  return [...found];
}

/**
 * Kinds one event is often reported as: the blast that starts a fire, the crash that
 * burns, the quake that raises a tsunami, the cyclone that floods. One outlet's headline
 * names one, another's the other; they must not count as two events.
 */
const relatedPairs: readonly (readonly [string, string])[] = [
  ['bombing', 'fire'],
  ['crash', 'fire'],
  ['earthquake', 'tsunami'],
  ['eruption', 'tsunami'],
  ['cyclone', 'flood'],
];
const related = new Map<string, Set<string>>();
for (const [a, b] of relatedPairs) {
  related.set(a, (related.get(a) ?? new Set()).add(b));
  related.set(b, (related.get(b) ?? new Set()).add(a));
}

/** Whether some kind of `mine` is one of `theirs`, or one event is often reported as both. */
export function sharesKind(mine: readonly string[], theirs: ReadonlySet<string>): boolean {
  return mine.some((kind) => theirs.has(kind) || [...(related.get(kind) ?? [])].some((other) => theirs.has(other)));
}

export interface HeadlineKinds {
  incident: string[];
  venue: string[];
}

/** The kinds a headline's terms name (terms as salient-terms produces them). */
export function headlineKinds(titleTerms: readonly string[]): HeadlineKinds {
  const incident = new Set<string>();
  const venue = new Set<string>();
  for (const term of titleTerms) {
    const found = classOf.get(term);
    if (found) (found.dimension === 'incident' ? incident : venue).add(found.kind);
  }
  return { incident: [...incident], venue: [...venue] };
}
