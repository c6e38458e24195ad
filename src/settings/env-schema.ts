import { z } from 'zod';
import { httpUrl } from './feeds-schema.js';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string().min(1))
  .optional()
  .catch(undefined);

/**
 * Every environment variable Sitrep reads (documented in .env.example).
 * Blank values count as unset, so a copied .env.example with empty lines is harmless.
 */
export const envSchema = z.object({
  SITREP_CONFIG_DIR: optionalText,
  STORE_URL: optionalText,
  SITREP_ALLOW_PRIVATE_NETWORKS: flag.optional(),
  SITREP_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  SITREP_CONTACT: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{5,25}$/, 'expected a numeric application id').optional(),
  DISCORD_API_URL: httpUrl.optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d{5,25}$/, 'expected a numeric guild id').optional(),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_MODE: z.enum(['http', 'socket']).optional(),
  SLACK_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  SLACK_API_URL: httpUrl.optional(),
});

export type Env = z.output<typeof envSchema>;

/** Drops blank values so `FOO=` behaves like an unset variable. */
export function presentEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}
