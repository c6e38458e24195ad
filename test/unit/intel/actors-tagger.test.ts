import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { actorsConfigSchema } from '../../../src/intel/actors/actors-schema.js';
import { createActorTagger } from '../../../src/intel/actors/create-actor-tagger.js';
import { loadActorsConfig } from '../../../src/intel/actors/load-actors-config.js';
import { formatConfigProblem } from '../../../src/settings/config-error.js';
import { parseYamlConfig } from '../../../src/settings/read-yaml-config.js';
import { configDir, hasSeed, seedFile } from './intel-paths.js';

let tag: (text: string) => string[];
beforeAll(async () => {
  tag = createActorTagger(await loadActorsConfig(configDir));
});

describe('actor tagger on the seed story', () => {
  test.skipIf(!hasSeed)('seed story yields taliban, unsc, unhrc and nato', () => {
    expect(tag(readFileSync(seedFile, 'utf8'))).toEqual(expect.arrayContaining(['nato', 'taliban', 'unhrc', 'unsc']));
  });

  test.skipIf(!hasSeed)('"UN Security Council" in the seed does not also yield the generic un', () => {
    expect(tag(readFileSync(seedFile, 'utf8'))).not.toContain('un');
  });
});

describe('aliases, case and punctuation', () => {
  test.each([
    ['The U.N. Security Council met', ['unsc']],
    ['The UN Security Council met', ['unsc']],
    ['the Security Council voted', ['unsc']],
    ['United Nations Security Council', ['unsc']],
    ['the UNSC resolution', ['unsc']],
    ['UN Human Rights Council', ['unhrc']],
    ['the Human Rights Council in Geneva', ['unhrc']],
    ['the UN General Assembly voted', ['unga']],
    ['The U.N. said', ['un']],
    ['NATO and Nato allies', ['nato']],
    ['EU and E.U. and European Union', ['eu']],
    ['the African Union summit', ['african_union']],
    ['Taliban and Taleban', ['taliban']],
    ['the Houthis, also known as Ansar Allah', ['houthis']],
    ['ISIS, ISIL, Daesh and the IS group', ['islamic_state']],
    ['al-Qaeda and al Qaida and Al-Qaeda', ['al_qaeda']],
    ['Doctors Without Borders (MSF)', ['msf']],
    ['the Red Cross', ['icrc']],
    ['Amnesty International and Human Rights Watch', ['amnesty', 'hrw']],
    ['the International Criminal Court', ['icc']],
    ['Hezbollah and Hizbollah', ['hezbollah']],
    ['Wagner mercenaries, now the Africa Corps', ['wagner']],
    ['M23 rebels near Goma', ['m23']],
  ])('%s → %j', (text, ids) => {
    expect(tag(text)).toEqual(ids);
  });

  test('possessives still match: "the Taliban\'s leader", "NATO’s summit"', () => {
    expect(tag("the Taliban's leader and NATO’s summit")).toEqual(['nato', 'taliban']);
  });

  test('transliterations: Muttaqi/Muttaki, Zelensky/Zelenskyy/Zelenskiy', () => {
    expect(tag('Muttaki met Amir Khan Muttaqi')).toEqual(['muttaqi']);
    expect(tag('Zelensky, Zelenskyy and Zelenskiy')).toEqual(['zelensky']);
    expect(tag('Erdoğan and Erdogan')).toEqual(['erdogan']);
  });

  test('"UN Human Rights Council" is unhrc only: longest match first', () => {
    expect(tag('the UN Human Rights Council session')).toEqual(['unhrc']);
  });

  test('an affiliate implies its parent when configured (ISKP → islamic_state)', () => {
    expect(tag('ISIS-K claimed the attack')).toEqual(['iskp', 'islamic_state']);
  });

  test('a short mixed-case alias does not match its all-caps twin ("Xi" is not the numeral "XI")', () => {
    expect(tag('the starting XI was named')).toEqual([]);
    expect(tag('Xi met Putin')).toEqual(['putin', 'xi_jinping']);
  });

  test('"WHO" is the health agency only in capitals', () => {
    expect(tag('the WHO said')).toEqual(['who']);
    expect(tag('people who fled')).toEqual([]);
  });
});

describe('failure modes', () => {
  test('"RSF" is the Rapid Support Forces in a Sudan story', () => {
    expect(tag('RSF fighters shelled El Fasher in Sudan')).toEqual(['rsf']);
    expect(tag('The Rapid Support Forces (RSF) said')).toEqual(['rsf']);
  });

  test('"RSF" is Reporters Without Borders in a press-freedom story', () => {
    expect(tag('RSF said two journalists were jailed')).toEqual(['rwb']);
  });

  test('"RSF" with no context is not guessed', () => {
    expect(tag('RSF said on Monday')).toEqual([]);
  });

  test('a national security council is not the UN Security Council', () => {
    expect(tag('the US National Security Council met')).toEqual([]);
    expect(tag("Iran's Supreme National Security Council")).toEqual([]);
    expect(tag("Russia's Security Council")).toEqual([]);
  });

  test('"ICC" in a cricket story is not the court', () => {
    expect(tag('the ICC World Cup final, where the bowler took three wickets')).toEqual([]);
    expect(tag('ICC judges issued warrants')).toEqual(['icc']);
  });

  test('"Pakistani Taliban" is the TTP, not the Afghan Taliban', () => {
    expect(tag('the Pakistani Taliban claimed')).toEqual(['ttp']);
  });

  test('a surname next to a first name is not a guarded actor ("Richard Wagner")', () => {
    expect(tag('an opera by Richard Wagner')).toEqual([]);
  });

  test('a title before a guarded surname keeps it ("Vice President Vance")', () => {
    expect(tag('Vice President Vance said')).toEqual(['vance']);
    expect(tag('coach Vance Joseph said')).toEqual([]);
  });
});

describe('actors.yaml validation', () => {
  function problems(yaml: string): string[] {
    const parsed = parseYamlConfig(yaml, actorsConfigSchema, 'config/actors.yaml');
    return parsed.ok ? [] : parsed.problems.map(formatConfigProblem);
  }

  test('a bad kind, an upper-case id and a missing alias list are each reported', () => {
    expect(problems('actors:\n  - { id: UNSC, label: Security Council, kind: body }\n')).toEqual([
      'config/actors.yaml → actors[0].id: expected a lower-case id like "unsc" or "al_shabaab", got "UNSC"',
      'config/actors.yaml → actors[0].kind: expected one of organization, armed_group, person, state_body, got "body"',
      'config/actors.yaml → actors[0].aliases: Invalid input: expected array, received undefined, got nothing',
    ]);
  });

  test('implies naming an unknown actor is reported', () => {
    const yaml = 'actors:\n  - { id: iskp, label: ISKP, kind: armed_group, aliases: [ISKP], implies: [isis] }\n';
    expect(problems(yaml)).toEqual([
      'config/actors.yaml → actors[0].implies[0]: is not the id of an actor in this file, got "isis"',
    ]);
  });

  test('two actors sharing a plain alias is reported; sharing it with context words is allowed', () => {
    const clash =
      'actors:\n  - { id: rsf, label: RSF, kind: armed_group, aliases: [RSF] }\n  - { id: rwb, label: RWB, kind: organization, aliases: [RSF] }\n';
    expect(problems(clash)).toEqual([
      'config/actors.yaml → actors[1].aliases[0]: also an alias of "rsf"; give one of them context words or remove one, got "RSF"',
    ]);
    const resolved =
      'actors:\n  - { id: rsf, label: RSF, kind: armed_group, aliases: [{ text: RSF, context: [Sudan] }] }\n  - { id: rwb, label: RWB, kind: organization, aliases: [{ text: RSF, context: [journalists] }] }\n';
    expect(problems(resolved)).toEqual([]);
  });
});

describe('actors named in Bengali and Hindi', () => {
  test.each([
    ['ট্রাম্পের শুল্কনীতি নিয়ে জাতিসংঘে আলোচনা', ['trump', 'un']],
    ['তালেবানের নতুন নির্দেশ', ['taliban']],
    ['मोदी और पुतिन की मुलाकात', ['modi', 'putin']],
  ])('%s → %j', (text, expected) => {
    expect(tag(text)).toEqual(expected);
  });
});
