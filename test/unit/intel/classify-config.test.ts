import { describe, expect, it } from 'vitest';
import { parseYamlConfig } from '../../../src/settings/read-yaml-config.js';
import { topicsConfigSchema } from '../../../src/intel/classify/topics-config.js';
import { lexiconOnlyClassifier, shippedTopics } from './classify-helpers.js';

const parse = (text: string) => parseYamlConfig(text, topicsConfigSchema, 'config/topics.yaml');

describe('topics.yaml validation', () => {
  it('the shipped topics.yaml is valid and has the six topics of the taxonomy', () => {
    expect(shippedTopics().topics.map((t) => t.id)).toEqual(['diplomacy', 'security', 'human_rights', 'humanitarian', 'politics', 'economy']);
  });

  it('a weight out of range names the file, the path and what was found', () => {
    const result = parse('topics:\n  - id: diplomacy\n    label: D\n    definition: x\n    terms: { envoy: 12 }\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ file: 'config/topics.yaml', path: 'topics[0].terms.envoy' });
    expect(result.problems[0]?.message).toContain('at most 5');
    expect(result.problems[0]?.message).toContain('got 12');
  });

  it('a rule with both phrase and context, or adding to an unknown topic, is reported', () => {
    const result = parse(
      [
        'topics:',
        '  - { id: diplomacy, label: D, definition: x, terms: { envoy: 2 } }',
        'rules:',
        '  - { name: both, phrase: [a b], context: [c], cancel: [a] }',
        '  - { name: unknown, phrase: [a b], add: { sports: 2 } }',
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    expect(text).toContain('exactly one of `phrase`');
    expect(text).toContain('rules[1].add.sports: unknown topic "sports"');
  });

  it('duplicate topic ids and a misspelt key are both reported in one pass', () => {
    const result = parse(
      ['topics:', '  - { id: economy, label: E, definition: x, terms: { gdp: 2 } }', '  - { id: economy, label: E, definition: x, trems: { gdp: 2 } }'].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    expect(text).toContain('duplicate topic id "economy"');
    expect(text).toContain('trems');
  });

  it('an admin-added topic with no training data works from its lexicon alone', () => {
    const topics = shippedTopics();
    topics.topics.push({
      id: 'climate',
      label: 'Climate',
      definition: 'Climate change policy and emissions.',
      threshold: 0.5,
      terms: { 'climate change': 3, emission: 2.5, 'carbon dioxide': 2.5, cop28: 3 },
      sourceTags: { 'Global Warming': 3 },
    });
    const classifier = lexiconOnlyClassifier(topics);
    const result = classifier.classify({
      title: 'Climate change talks stall over emissions targets',
      summary: 'Negotiators at COP28 failed to agree on cutting carbon dioxide emissions.',
    });
    expect(result.topics).toContain('climate');
    expect(result.explanation.find((e) => e.topic === 'climate')?.source).toBe('lexicon only');
    expect(result.reasons.climate?.some((r) => r.includes("'climate change'"))).toBe(true);
  });

  it('a phrase is matched through inflections and hyphens ("ceasefire-violations" → ceasefire violation)', () => {
    const classifier = lexiconOnlyClassifier();
    const result = classifier.classify({ title: 'Repeated ceasefire-violations reported', summary: '' });
    const security = result.explanation.find((e) => e.topic === 'security');
    expect(security?.contributions.some((c) => c.kind === 'phrase' && c.label === 'ceasefire violation')).toBe(true);
  });
});
