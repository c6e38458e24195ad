import { describe, expect, it } from 'vitest';
import { headlineKinds, sharesKind, singularDisasters } from '../../../src/intel/cluster/event-kinds.js';
import { contentTerms } from '../../../src/intel/cluster/salient-terms.js';

const kinds = (headline: string) => headlineKinds(contentTerms(headline));

describe('headline kinds', () => {
  it('names the kind of happening and of place, whatever the inflection', () => {
    expect(kinds('Gunmen abduct scores of pupils from school in Kaduna')).toEqual({ incident: ['shooting', 'abduction'], venue: ['school'] });
    expect(kinds('Worshippers kidnapped from mosque in Kajuru')).toEqual({ incident: ['abduction'], venue: ['mosque'] });
  });

  it('synonyms outlets use for one event share a class', () => {
    expect(kinds('Blast at market kills 12').incident).toEqual(kinds('Suicide bombing at market kills 12').incident);
    expect(kinds('Quake kills hundreds in Cali').incident).toEqual(kinds('Earthquake death toll rises').incident);
    expect(kinds('Train derails in Odisha').incident).toEqual(kinds('Odisha train crash kills 50').incident);
  });

  it('talks and the battlefield are different kinds, however many names they share', () => {
    expect(kinds('Congo, M23 delegations meet in Doha for new round of talks').incident).toEqual(['meeting']);
    expect(kinds('Uvira falls to M23 as rebels seize the city').incident).toEqual(['capture']);
    expect(kinds('Muttaqi receives Pakistani delegation').incident).toEqual(kinds('Pakistan, Afghanistan discuss border trade').incident);
  });

  it('kinds one event is often reported as are related: a blast and its fire, a cyclone and its floods', () => {
    const story = (headline: string) => new Set(kinds(headline).incident);
    expect(sharesKind(kinds('Firefighters battle blaze at port warehouse').incident, story('Huge blast rips through port warehouse'))).toBe(true);
    expect(sharesKind(kinds('Floods submerge coastal villages').incident, story('Cyclone makes landfall in Khulna'))).toBe(true);
    expect(sharesKind(kinds('Tsunami waves hit the coast').incident, story('Strong quake strikes off Sumatra'))).toBe(true);
    expect(sharesKind(kinds('Gunmen abduct pupils').incident, story('Suicide bombing at market'))).toBe(false);
  });

  it('a headline naming no kind names none (no conflict can come of it)', () => {
    expect(kinds('Pakistani interior minister arrives in Tehran')).toEqual({ incident: [], venue: [] });
  });

  it('verbs that look like kinds do not count as them', () => {
    // "storm" as in troops storming a camp is not weather.
    expect(kinds('Paramilitary fighters storm displacement camp').incident).toEqual([]);
  });

  it('singular disasters: earthquakes and cyclones count, floods and fires do not (a country has several a day)', () => {
    expect(singularDisasters(contentTerms('Rescuers dig through rubble after quake; typhoon warning issued'))).toEqual(['earthquake', 'cyclone']);
    expect(singularDisasters(contentTerms('Flash floods and wildfires kill dozens'))).toEqual([]);
  });
});
