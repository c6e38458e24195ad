import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lexiconOnlyClassifier, seedStory, shippedClassifier, shippedTopics } from './classify-helpers.js';

const classifier = shippedClassifier();

describe('classifier on the shipped taxonomy and model', () => {
  it.skipIf(!existsSync(seedStory.file))('seed story comes out diplomacy + security + human_rights (and not politics/economy)', () => {
    const summary = readFileSync(seedStory.file, 'utf8');
    const result = classifier.classify({ title: seedStory.title, summary });
    expect([...result.topics].sort()).toEqual(['diplomacy', 'human_rights', 'security']);
    for (const topic of result.topics) expect(result.reasons[topic]?.length).toBeGreaterThan(0);
  });

  it('seed-like wire text without the shared file still gets the three topics', () => {
    const result = classifier.classify({
      title: 'Afghan foreign minister meets US envoy, urges UN Security Council session on Taliban offensive',
      summary:
        'Foreign Minister Atmar met the US charge d\'affaires in Kabul to discuss a ceasefire and the peace talks in Doha. He asked the UN Human Rights Council to investigate war crimes and abuses against civilians as Taliban fighters attacked and seized provincial capitals.',
    });
    expect([...result.topics].sort()).toEqual(['diplomacy', 'human_rights', 'security']);
  });

  it('"Security Council" does not make an item security; the rule shows as a diplomacy reason', () => {
    const result = classifier.classify({
      title: 'Security Council adopts resolution renewing mandate of UN mission in South Sudan',
      summary: 'The 15-member Security Council voted unanimously on Thursday to extend the mandate for another year.',
    });
    expect(result.topics).toContain('diplomacy');
    expect(result.topics).not.toContain('security');
    expect(result.reasons.diplomacy?.some((r) => r.startsWith("rule: 'Security Council'"))).toBe(true);
  });

  it('"job security" and "food security" are not armed security', () => {
    const job = classifier.classify({
      title: 'Job security worries grow as carmaker announces plant closures',
      summary: 'The company said 3,000 jobs would go; unions demanded guarantees of job security and higher wages.',
    });
    expect(job.topics).not.toContain('security');
    const lexOnly = lexiconOnlyClassifier().classify({ title: 'Food security', summary: 'Energy security and social security debated.' });
    expect(lexOnly.explanation.find((e) => e.topic === 'security')?.lexiconScore).toBe(0);
    expect(lexOnly.cancelled.some((note) => note.includes("'security'"))).toBe(true);
  });

  it('sports "attack", "battle" and "striker" do not count as security', () => {
    const result = classifier.classify({
      title: 'Striker leads attack as United win battle with City in Premier League thriller',
      summary: 'The striker scored twice and the defence held firm as the football match ended 3-2 in front of 70,000 fans.',
    });
    expect(result.topics).not.toContain('security');
  });

  it('"trade war" is economy, not security', () => {
    const result = classifier.classify({
      title: 'Trade war deepens as Washington and Beijing raise tariffs again',
      summary: 'Stock markets fell as both sides announced new tariffs on imports worth billions of dollars.',
    });
    expect(result.topics).toContain('economy');
    expect(result.topics).not.toContain('security');
  });

  it('a technology product launch gets no topic', () => {
    const result = classifier.classify({
      title: 'New smartphone features a brighter screen and longer battery life',
      summary: 'Reviewers praised the camera and the faster chip in the latest model, on sale from Friday.',
    });
    expect(result.topics).toEqual([]);
  });

  it('source tags add evidence and show as reasons', () => {
    const withTag = classifier.classify({ title: 'Lawmakers weigh the plan', summary: '', sourceTags: ['Politics and Government'] });
    const withoutTag = classifier.classify({ title: 'Lawmakers weigh the plan', summary: '' });
    expect(withTag.scores.politics).toBeGreaterThan(withoutTag.scores.politics ?? 1);
    const politics = withTag.explanation.find((e) => e.topic === 'politics');
    expect(politics?.contributions.some((c) => c.kind === 'tag' && c.label === 'Politics and Government')).toBe(true);
  });

  it('never assigns more than maxTopics topics even when all pass their thresholds', () => {
    const topic = (id: string, term: string) => ({ id, label: id, definition: id, threshold: 0.5, terms: { [term]: 5 }, sourceTags: {} });
    const topics = { version: 1 as const, maxTopics: 3, rules: [], topics: [topic('alpha', 'apple'), topic('beta', 'banana'), topic('gamma', 'cherry'), topic('delta', 'date')] };
    const result = lexiconOnlyClassifier(topics).classify({ title: 'Apple banana cherry date', summary: 'Apple, banana, cherry and date.' });
    expect(Object.values(result.scores).every((score) => score >= 0.5)).toBe(true);
    expect(result.topics).toHaveLength(3);
    const overflow = result.explanation.filter((e) => e.decision.includes('only the top 3'));
    // Equal scores: ties go by topic id, so the cut is deterministic.
    expect(overflow.map((e) => e.topic)).toEqual(['gamma']);
    expect(result.reasons.gamma).toBeUndefined();
  });

  it('scores are probabilities for every topic, and the same input gives the same output', () => {
    const input = { title: 'Ceasefire talks resume in Cairo', summary: 'Negotiators met for a second day.' };
    const first = classifier.classify(input);
    const second = classifier.classify(input);
    expect(second).toEqual(first);
    expect(Object.keys(first.scores).sort()).toEqual(shippedTopics().topics.map((t) => t.id).sort());
    for (const score of Object.values(first.scores)) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('empty text yields no topics rather than an error', () => {
    const result = classifier.classify({ title: '', summary: '' });
    expect(result.topics).toEqual([]);
  });

  it('reasons are readable: term, phrase, rule or source tag with a signed weight', () => {
    const result = classifier.classify({ title: 'Airstrikes hit Kharkiv as Russian offensive intensifies', summary: 'Missiles struck the city overnight.' });
    expect(result.topics).toContain('security');
    for (const reason of result.reasons.security ?? []) {
      expect(reason).toMatch(/^(term|phrase|rule:|source tag|model word) .*\([+-]\d+\.\d\)$/);
    }
  });
});
