import type { ClusterInput } from '../../../src/intel/cluster/cluster-types.js';

/** A ClusterInput with neutral annotations; tests override what they exercise. */
export function clusterInput(overrides: Partial<ClusterInput> & Pick<ClusterInput, 'id' | 'title' | 'published'>): ClusterInput {
  return {
    summary: '',
    source: 'Wire',
    feedId: overrides.source?.toLowerCase().replace(/\W+/g, '-') ?? 'wire',
    link: null,
    topics: [],
    scores: {},
    places: [],
    actors: [],
    ...overrides,
  };
}

export const hour = 3_600_000;

/** ISO time `hours` after a fixed base. */
export function at(hours: number): string {
  return new Date(Date.parse('2026-03-06T08:00:00Z') + hours * hour).toISOString();
}

/** Three outlets reporting one bombing in Kunduz, in their own words. */
export const kunduzBombing: ClusterInput[] = [
  clusterInput({
    id: 'reuters-1',
    source: 'Reuters',
    published: at(0),
    title: "Suicide bomber kills at least 17 at Shi'ite mosque in northern Afghanistan",
    summary:
      "KUNDUZ, Afghanistan (Reuters) - A suicide bomber blew himself up among worshippers during Friday prayers at a Shi'ite mosque in the northern Afghan city of Kunduz, killing at least 17 people, a Taliban spokesman said.",
    places: ['AF', 'AF-KDZ'],
    actors: ['taliban'],
    topics: ['security'],
    scores: { security: 0.93 },
  }),
  clusterInput({
    id: 'afp-1',
    source: 'AFP',
    published: at(2),
    title: 'Afghanistan: Death toll from Kunduz mosque blast climbs to 31',
    summary:
      'The toll from a suicide attack on a packed mosque in Kunduz rose to 31 on Friday, hospital sources told AFP, in the deadliest attack in the province this year.',
    places: ['AF', 'AF-KDZ'],
    topics: ['security', 'human_rights'],
    scores: { security: 0.88, human_rights: 0.55 },
  }),
  clusterInput({
    id: 'aj-1',
    source: 'Al Jazeera',
    published: at(4),
    title: 'Islamic State claims deadly attack on Afghan Shia mosque',
    summary:
      'ISIL-K said one of its fighters carried out the bombing at the Sayed Abad mosque in Kunduz, where dozens of worshippers were killed. The Taliban government vowed to hunt down those responsible.',
    places: ['AF', 'AF-KDZ'],
    actors: ['taliban', 'isis-k'],
    topics: ['security'],
    scores: { security: 0.9 },
  }),
];

/**
 * One earthquake that starts as two stories: a feature from the stricken city and a wire
 * flash share no word, so neither joins the other; the third report names both.
 */
export const caliQuake: ClusterInput[] = [
  clusterInput({
    id: 'bbc-cali',
    source: 'BBC',
    published: at(0),
    title: 'In shattered Cali, residents search for loved ones',
    summary: 'Families wait outside collapsed apartment towers in the Colombian city of Cali.',
    places: ['CO'],
  }),
  clusterInput({
    id: 'ap-quake',
    source: 'AP',
    published: at(1),
    title: 'Magnitude 7.4 earthquake strikes western Colombia',
    summary: 'The quake was felt across the Valle del Cauca region, seismologists said.',
    places: ['CO'],
  }),
  clusterInput({
    id: 'reuters-quake',
    source: 'Reuters',
    published: at(3),
    title: 'Colombia earthquake: rescuers search collapsed towers in Cali',
    summary:
      'Rescuers in Cali searched collapsed apartment towers for survivors after the magnitude 7.4 earthquake struck western Colombia.',
    places: ['CO'],
  }),
];
