import { z } from 'zod';

/**
 * config/settings.yaml. Every field has a default, so an empty file (or none)
 * runs the bot on embedded defaults. Units are in the names.
 */
const positiveInt = z.number().int('expected a whole number').positive('expected a positive number');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM');

export const settingsSchema = z.strictObject({
  /** Put into the User-Agent so publishers can reach whoever runs this instance. */
  contact: z.string().min(3).default('https://github.com/sitrep-bot/sitrep'),
  store: z
    .strictObject({
      /** sqlite://PATH (default), redis://HOST:PORT, postgres://USER@HOST/DB or memory:// */
      url: z.string().regex(/^(sqlite|redis|rediss|postgres|postgresql|memory):\/\//, 'expected a sqlite://, redis://, postgres:// or memory:// URL').default('sqlite://./data/store/sitrep.sqlite'),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      connectTimeoutMs: positiveInt.default(10_000),
      totalTimeoutMs: positiveInt.default(30_000),
      maxBytes: positiveInt.default(5 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      perHostConcurrency: positiveInt.default(2),
      globalConcurrency: positiveInt.default(8),
      /** Tests and local demos only: allow feed URLs on loopback/private networks. */
      allowPrivateNetworks: z.boolean().default(false),
    })
    .prefault({}),
  polling: z
    .strictObject({
      /** node-cron expression (with seconds) for the scheduler tick; feeds are polled when due. */
      tick: z.string().min(9).default('*/20 * * * * *'),
      backoffBaseSeconds: positiveInt.default(60),
      backoffMaxSeconds: positiveInt.default(6 * 60 * 60),
      /** Consecutive failures before a feed is paused until an admin resumes it. */
      autoPauseAfterFailures: positiveInt.default(12),
      shutdownDeadlineSeconds: positiveInt.default(10),
    })
    .prefault({}),
  dedup: z
    .strictObject({
      retentionDays: positiveInt.default(30),
    })
    .prefault({}),
  intel: z
    .strictObject({
      summaryMaxChars: z.number().int().min(80).max(2000).default(300),
    })
    .prefault({}),
  stories: z
    .strictObject({
      windowHours: z.number().positive().max(24 * 14).default(36),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      defaultMinConfidence: z.number().min(0).max(1).default(0.5),
      defaultDigestAt: hhmm.default('08:00'),
      defaultTimezone: z.string().default('UTC'),
      maxQueuePerChannel: positiveInt.default(200),
      maxAlertsPerHour: positiveInt.default(20),
    })
    .prefault({}),
  discord: z
    .strictObject({
      /** Members with one of these role names (or ids) count as Sitrep admins besides Manage Server. */
      adminRoles: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  slack: z
    .strictObject({
      /** User ids (U…) or user group ids (S…) that count as Sitrep admins besides workspace admins. */
      adminUsers: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;
