import type { Env } from '../../settings/env-schema.js';
import type { SlackAdapterOptions } from './create-slack-adapter.js';

export type SlackEnvResult =
  | { configured: false }
  | { configured: true; ok: true; options: Omit<SlackAdapterOptions, 'logger'> }
  | { configured: true; ok: false; problems: string[] };

/**
 * Slack adapter options from the validated environment (for the composition
 * root). Slack counts as configured when SLACK_BOT_TOKEN is set; the mode is
 * SLACK_MODE, else Socket Mode when an app token is present, else HTTP.
 */
export function slackOptionsFromEnv(env: Env, adminUsers: readonly string[]): SlackEnvResult {
  if (!env.SLACK_BOT_TOKEN) return { configured: false };
  const mode = env.SLACK_MODE ?? (env.SLACK_APP_TOKEN ? 'socket' : 'http');
  const problems: string[] = [];
  if (mode === 'socket' && !env.SLACK_APP_TOKEN) {
    problems.push('SLACK_MODE=socket needs SLACK_APP_TOKEN: an app-level token (xapp-…) with connections:write, from Basic Information → App-Level Tokens.');
  }
  if (mode === 'http' && !env.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_MODE=http needs SLACK_SIGNING_SECRET, from Basic Information → App Credentials → Signing Secret.');
  }
  if (problems.length > 0) return { configured: true, ok: false, problems };
  return {
    configured: true,
    ok: true,
    options: {
      botToken: env.SLACK_BOT_TOKEN,
      mode,
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
      port: env.SLACK_PORT ?? 3000,
      ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
      adminUsers,
    },
  };
}
