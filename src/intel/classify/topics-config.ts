import { join } from 'node:path';
import { z } from 'zod';
import { readYamlConfig } from '../../settings/read-yaml-config.js';

const weight = z
  .number({ message: 'expected a number between -5 and 5' })
  .min(-5, { message: 'expected a weight of at least -5' })
  .max(5, { message: 'expected a weight of at most 5' });

const termText = z
  .string()
  .trim()
  .min(1, { message: 'expected a non-empty term' })
  .max(80, { message: 'expected a term of at most 80 characters' });

const topicId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'expected a topic id in snake_case (a-z, 0-9, _), 2-40 characters' });

const topicSchema = z.strictObject({
  id: topicId,
  label: z.string().trim().min(1, { message: 'expected a label' }),
  definition: z.string().trim().min(1, { message: 'expected a definition (what belongs in this topic)' }),
  threshold: z
    .number({ message: 'expected a threshold between 0 and 1' })
    .gt(0, { message: 'expected a threshold above 0' })
    .lt(1, { message: 'expected a threshold below 1' })
    .default(0.5),
  terms: z.record(termText, weight).default({}),
  sourceTags: z.record(termText, weight).default({}),
});

const ruleSchema = z
  .strictObject({
    name: z.string().trim().min(1, { message: 'expected a rule name (shown as the reason)' }),
    phrase: z.array(termText).min(1, { message: 'expected at least one phrase' }).optional(),
    context: z.array(termText).min(1, { message: 'expected at least one context term' }).optional(),
    minHits: z.number().int().min(1).max(10).default(1),
    cancel: z.array(termText).default([]),
    add: z.record(topicId, weight).default({}),
  })
  .refine((rule) => (rule.phrase === undefined) !== (rule.context === undefined), {
    message: 'expected exactly one of `phrase` (acts where it occurs) or `context` (acts on the whole item)',
  })
  .refine((rule) => rule.cancel.length > 0 || Object.keys(rule.add).length > 0, {
    message: 'expected `cancel` or `add` (a rule that does nothing is probably a typo)',
  });

export const topicsConfigSchema = z
  .strictObject({
    version: z.literal(1, { message: 'expected version: 1' }).default(1),
    maxTopics: z.number().int().min(1).max(10).default(3),
    topics: z.array(topicSchema).min(1, { message: 'expected at least one topic' }),
    rules: z.array(ruleSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.topics.forEach((topic, index) => {
      if (seen.has(topic.id)) {
        ctx.addIssue({ code: 'custom', path: ['topics', index, 'id'], message: `duplicate topic id "${topic.id}"` });
      }
      seen.add(topic.id);
      if (Object.keys(topic.terms).length === 0 && Object.keys(topic.sourceTags).length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['topics', index, 'terms'],
          message: 'expected at least one term or source tag, or the topic can only come from a trained model',
        });
      }
    });
    config.rules.forEach((rule, index) => {
      for (const target of Object.keys(rule.add)) {
        if (!seen.has(target)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', index, 'add', target],
            message: `unknown topic "${target}" (known: ${[...seen].join(', ')})`,
          });
        }
      }
    });
  });

export type TopicsConfig = z.output<typeof topicsConfigSchema>;
export type TopicConfig = TopicsConfig['topics'][number];
export type TopicRule = TopicsConfig['rules'][number];

export const TOPICS_FILE = 'topics.yaml';

/** Loads and validates `<configDir>/topics.yaml`; throws ConfigError listing every problem. */
export async function loadTopicsConfig(configDir: string): Promise<TopicsConfig> {
  return readYamlConfig(join(configDir, TOPICS_FILE), topicsConfigSchema);
}
