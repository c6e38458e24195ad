import { z } from 'zod';
import type { MessageRef, OutboundMessage } from '../adapters/chat-adapter.js';
import type { Alert, Digest, Notice } from '../domain/alert.js';

/** zod mirrors of the chat-adapter message types, so outbox records read back are validated. */
export const messageRefSchema = z.object({
  platform: z.enum(['console', 'discord', 'slack']),
  channelId: z.string(),
  messageId: z.string(),
  threadId: z.string().optional(),
}) satisfies z.ZodType<MessageRef>;

const alertTopicSchema = z.object({ id: z.string(), label: z.string(), score: z.number() });

export const alertSchema = z.object({
  storyId: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  summary: z.string(),
  source: z.string(),
  published: z.string(),
  topics: z.array(alertTopicSchema),
  places: z.array(z.string()),
  actors: z.array(z.string()),
  alsoReportedBy: z.array(z.object({ source: z.string(), title: z.string(), link: z.string().nullable() })),
  reportCount: z.number(),
}) satisfies z.ZodType<Alert>;

export const digestSchema = z.object({
  title: z.string(),
  since: z.string(),
  until: z.string(),
  sections: z.array(z.object({ topic: alertTopicSchema, alerts: z.array(alertSchema) })),
}) satisfies z.ZodType<Digest>;

export const noticeSchema = z.object({ level: z.enum(['info', 'warning']), text: z.string() }) satisfies z.ZodType<Notice>;

const common = { channelId: z.string(), idempotencyKey: z.string() };

export const outboundMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alert'), ...common, alert: alertSchema, mentionRoleId: z.string().optional() }),
  z.object({ kind: z.literal('update-edit'), ...common, alert: alertSchema, target: messageRefSchema }),
  z.object({ kind: z.literal('update-thread'), ...common, alert: alertSchema, target: messageRefSchema }),
  z.object({ kind: z.literal('digest'), ...common, digest: digestSchema, part: z.number().int() }),
  z.object({ kind: z.literal('notice'), ...common, notice: noticeSchema }),
]) satisfies z.ZodType<OutboundMessage>;
