import { describe, expect, it } from 'vitest';
import { slackOptionsFromEnv } from '../../../../src/adapters/slack/slack-options-from-env.js';
import { envSchema } from '../../../../src/settings/env-schema.js';

const env = (vars: Record<string, string>) => envSchema.parse(vars);

describe('Slack options from the environment', () => {
  it('no bot token → Slack not configured (Discord-only deployments start fine)', () => {
    expect(slackOptionsFromEnv(env({ SLACK_SIGNING_SECRET: 's' }), [])).toEqual({ configured: false });
  });

  it('bot and app token, no mode → Socket Mode; SLACK_API_URL passed through', () => {
    const result = slackOptionsFromEnv(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9/api/' }), ['U1']);
    expect(result).toMatchObject({ ok: true, options: { mode: 'socket', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9/api/', adminUsers: ['U1'] } });
  });

  it('SLACK_MODE=http without a signing secret → a problem naming the variable and where to find it', () => {
    const result = slackOptionsFromEnv(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http' }), []);
    expect(result).toMatchObject({ configured: true, ok: false });
    expect(JSON.stringify(result)).toContain('SLACK_SIGNING_SECRET');
  });

  it('SLACK_MODE=socket without an app token → a problem naming SLACK_APP_TOKEN', () => {
    expect(JSON.stringify(slackOptionsFromEnv(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'socket' }), []))).toContain('SLACK_APP_TOKEN');
  });

  it('HTTP mode without SLACK_PORT → port 3000', () => {
    expect(slackOptionsFromEnv(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }), [])).toMatchObject({ options: { mode: 'http', port: 3000 } });
  });
});
