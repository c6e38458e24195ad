import { describe, expect, test } from 'vitest';
import { createPlaceTagger } from '../../../src/intel/places/create-place-tagger.js';
import { placesConfigSchema } from '../../../src/intel/places/places-schema.js';
import { formatConfigProblem } from '../../../src/settings/config-error.js';
import { parseYamlConfig } from '../../../src/settings/read-yaml-config.js';

function problems(yaml: string): string[] {
  const parsed = parseYamlConfig(yaml, placesConfigSchema, 'config/places.yaml');
  return parsed.ok ? [] : parsed.problems.map(formatConfigProblem);
}

describe('places.yaml validation', () => {
  test('a lower-case or three-letter country code is reported with its path', () => {
    const found = problems('countries:\n  - { code: af, name: Afghanistan }\n  - { code: AFG, name: X }\n');
    expect(found).toEqual([
      'config/places.yaml → countries[0].code: expected an ISO 3166-1 alpha-2 code in capitals, like "AF", got "af"',
      'config/places.yaml → countries[1].code: expected an ISO 3166-1 alpha-2 code in capitals, like "AF", got "AFG"',
    ]);
  });

  test('a subdivision of a country not listed is reported', () => {
    const found = problems('countries:\n  - { code: AF, name: Afghanistan }\nsubdivisions:\n  - { code: UA-30, name: Kyiv }\n');
    expect(found).toEqual(['config/places.yaml → subdivisions[0].code: its country "UA" is not in countries, got "UA-30"']);
  });

  test('the same plain alias for two codes is reported, since the result would depend on order', () => {
    const found = problems(
      'countries:\n  - { code: GE, name: Georgia }\n  - { code: US, name: United States, aliases: [Georgia] }\n',
    );
    expect(found).toEqual([
      'config/places.yaml → countries[1].aliases[0]: also an alias of "GE"; give one of them context words or remove one, got "Georgia"',
    ]);
  });

  test('an unknown key and a bad guard are both reported with readable messages', () => {
    const found = problems(
      'countries:\n  - code: US\n    name: United States\n    aliases: [{ text: Washington, guard: person }]\n    capital: Washington\n',
    );
    expect(found).toEqual([
      'config/places.yaml → countries[0].aliases[0].guard: expected "name" (skip it when it looks like part of a person\'s name), got "person"',
      'config/places.yaml → countries[0]: Unrecognized key: "capital" (remove it or check its spelling)',
    ]);
  });

  test('an alias with phrase-breaking punctuation is reported', () => {
    const found = problems('countries:\n  - { code: US, name: United States, aliases: ["Washington, D.C."] }\n');
    expect(found).toEqual([
      'config/places.yaml → countries[0].aliases[0]: an alias must be words without , ; : ( ) / or quotes, got "Washington, D.C."',
    ]);
  });

  test('a minimal valid file gives working tagger with defaults', () => {
    const parsed = parseYamlConfig('countries:\n  - { code: QA, name: Qatar, capitals: [Doha] }\n', placesConfigSchema, 'x');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(createPlaceTagger(parsed.value)('in Doha')).toEqual(['QA']);
  });
});
