import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnnotator, loadIntel } from '../../../src/intel/annotate-item.js';
import { ConfigError } from '../../../src/settings/config-error.js';
import { scratchDir } from '../../helpers/scratch-dir.js';
import { repoRoot, seedStory } from './classify-helpers.js';

const configDir = join(repoRoot, 'config');
const intel = await loadIntel(configDir);
const annotate = createAnnotator({ ...intel, summaryMaxChars: 300 });

function configCopy(): string {
  const dir = scratchDir('sitrep-intel-');
  for (const file of ['topics.yaml', 'places.yaml', 'actors.yaml']) cpSync(join(configDir, file), join(dir, file));
  return dir;
}

describe('annotator', () => {
  it('loads the shipped model (a stale or missing model would silently fall back to lexicons)', () => {
    expect(intel.modelProblem).toBeNull();
    expect(Object.keys(intel.model.topics).length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(seedStory.file))('the seed story: three topics, AF/US/QA, the four actors, a short extractive summary', () => {
    const text = readFileSync(seedStory.file, 'utf8');
    const result = annotate({ title: seedStory.title, summary: text });
    expect([...result.topics].sort()).toEqual(['diplomacy', 'human_rights', 'security']);
    expect(result.places).toEqual(expect.arrayContaining(['AF', 'US', 'QA']));
    expect(result.actors).toEqual(expect.arrayContaining(['taliban', 'unsc', 'unhrc', 'nato']));
    expect(result.summary.length).toBeGreaterThan(0);
    expect(result.summary.length).toBeLessThanOrEqual(300);
    expect(Object.keys(result.reasons).sort()).toEqual([...result.topics].sort());
  });

  it('an item with only a title still gets a summary and tags', () => {
    const result = annotate({ title: 'Kabul talks: Taliban envoys meet Qatari mediators in Doha', summary: '' });
    expect(result.summary).toContain('Kabul talks');
    expect(result.places).toEqual(expect.arrayContaining(['AF', 'QA']));
    expect(result.topics).toContain('diplomacy');
  });

  it('a missing model file is reported, and topics still come from their lexicons', async () => {
    const loaded = await loadIntel(configDir, { modelFile: join(tmpdir(), 'no-such-model.json') });
    expect(loaded.modelProblem).toContain('npm run train');
    const lexiconOnly = createAnnotator({ ...loaded, summaryMaxChars: 300 });
    expect(lexiconOnly({ title: 'Central bank raises interest rates as inflation soars', summary: '' }).topics).toContain('economy');
  });

  it('problems in topics.yaml and places.yaml are reported together, not one file per run', async () => {
    const dir = configCopy();
    writeFileSync(join(dir, 'topics.yaml'), 'topics:\n  - id: Bad Id\n    label: x\n    definition: y\n    terms: { a: 1 }\n');
    writeFileSync(join(dir, 'places.yaml'), 'countries: 5\n');
    const error = await loadIntel(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const files = new Set((error as ConfigError).problems.map((p) => p.file.split('/').pop()));
    expect(files).toEqual(new Set(['topics.yaml', 'places.yaml']));
  });

  it('an admin-added topic in a copied topics.yaml is scored without retraining', async () => {
    const dir = configCopy();
    const text = readFileSync(join(dir, 'topics.yaml'), 'utf8').replace(
      'rules:\n',
      [
        '  - id: climate',
        '    label: Climate',
        '    definition: Climate change policy, emissions and climate diplomacy.',
        '    threshold: 0.5',
        '    terms:',
        '      climate change: 3',
        '      emission: 2.5',
        '      net zero: 2.5',
        '',
        'rules:',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'topics.yaml'), text);
    const loaded = await loadIntel(dir);
    const withClimate = createAnnotator({ ...loaded, summaryMaxChars: 300 });
    const result = withClimate({ title: 'Climate change: EU agrees net zero emissions law', summary: '' });
    expect(result.topics).toContain('climate');
    expect(result.scores.climate).toBeGreaterThan(0.5);
  });
});
