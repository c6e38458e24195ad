import { afterEach, describe, expect, it } from 'vitest';
import { checkSlack } from '../../src/adapters/slack/check-slack.js';
import { createSlackAdapter } from '../../src/adapters/slack/create-slack-adapter.js';
import { createSilentLogger } from '../../src/domain/logger.js';
import { interactivityFields, postSigned, slackSignature } from '../emulators/slack/signed-request.js';
import { startSlackEmulator } from '../emulators/slack/slack-emulator.js';
import { blockActionPayload, slashCommandPayload } from '../emulators/slack/slack-payloads.js';
import { signingSecret, slackFixture } from './slack-fixture.js';

type Fixture = Awaited<ReturnType<typeof slackFixture>>;

describe('Slack HTTP mode: request signing', () => {
  let fx: Fixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('a slash command signed more than 5 minutes ago → 401, the core never runs', async () => {
    fx = await slackFixture('http');
    const responseUrl = fx.emulator.responseUrl();
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await postSigned(fx.eventsUrl(), slashCommandPayload({ text: 'subscribe topics:security', responseUrl }), { signingSecret, timestampSec: stale });
    expect(result.status).toBe(401);
    expect(await fx.subscriptions.list()).toHaveLength(0);
    expect(fx.emulator.responses).toHaveLength(0);
  });

  it('a slash command signed with the wrong secret → 401', async () => {
    fx = await slackFixture('http');
    const result = await postSigned(fx.eventsUrl(), slashCommandPayload({ text: 'subscribe topics:security', responseUrl: fx.emulator.responseUrl() }), {
      signingSecret: 'not-the-secret',
    });
    expect(result.status).toBe(401);
    expect(await fx.subscriptions.list()).toHaveLength(0);
  });

  it('a body altered after signing → 401', async () => {
    fx = await slackFixture('http');
    const fields = slashCommandPayload({ text: 'topics', responseUrl: fx.emulator.responseUrl() });
    const ts = Math.floor(Date.now() / 1000);
    const signature = slackSignature(signingSecret, ts, new URLSearchParams({ ...fields, text: 'status' }).toString());
    expect((await postSigned(fx.eventsUrl(), fields, { signingSecret, timestampSec: ts, signature })).status).toBe(401);
  });

  it('a button press with a bad signature → 401; correctly signed → 200', async () => {
    fx = await slackFixture('http');
    const payload = blockActionPayload({ actionId: 'sitrep_why', value: JSON.stringify({ storyId: 's1', link: null }), responseUrl: fx.emulator.responseUrl() });
    expect((await postSigned(fx.eventsUrl(), interactivityFields(payload), { signingSecret, signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await postSigned(fx.eventsUrl(), interactivityFields(payload), { signingSecret })).status).toBe(200);
  });
});

describe('Slack configuration failures', () => {
  it('HTTP mode without a signing secret → start() fails saying which variable to set', async () => {
    const adapter = createSlackAdapter({ botToken: 'xoxb-x', mode: 'http', apiUrl: 'http://127.0.0.1:9/api/', logger: createSilentLogger() });
    await expect(adapter.start(async () => ({ ephemeral: true, lines: [] }))).rejects.toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('Socket Mode without an app token → start() fails saying which variable to set', async () => {
    const adapter = createSlackAdapter({ botToken: 'xoxb-x', mode: 'socket', apiUrl: 'http://127.0.0.1:9/api/', logger: createSilentLogger() });
    await expect(adapter.start(async () => ({ ephemeral: true, lines: [] }))).rejects.toThrow(/SLACK_APP_TOKEN/);
  });
});

describe('checkSlack (for sitrep doctor)', () => {
  it('a token with every scope → ok, team and bot user reported', async () => {
    const emulator = await startSlackEmulator();
    try {
      const report = await checkSlack({ botToken: emulator.botToken, mode: 'socket', appToken: emulator.appToken, apiUrl: emulator.apiUrl });
      expect(report).toMatchObject({ ok: true, team: 'Emulated Newsroom', botUserId: 'U0SITREPBOT', missingScopes: [], problems: [] });
      expect(report.scopes).toContain('chat:write');
    } finally {
      await emulator.close();
    }
  });

  it('scopes missing from auth.test → named, with what to do', async () => {
    const emulator = await startSlackEmulator({ scopes: ['commands', 'chat:write'] });
    try {
      const report = await checkSlack({ botToken: emulator.botToken, mode: 'http', signingSecret: 's', apiUrl: emulator.apiUrl, adminUsers: ['S0EDITORS'] });
      expect(report.ok).toBe(false);
      expect(report.missingScopes).toEqual(['channels:history', 'groups:history', 'users:read', 'usergroups:read']);
      expect(report.problems[0]).toMatch(/reinstall/);
    } finally {
      await emulator.close();
    }
  });

  it('a revoked bot token and a wrong app token → invalid_auth reported for each', async () => {
    const emulator = await startSlackEmulator();
    try {
      const report = await checkSlack({ botToken: 'xoxb-wrong', mode: 'socket', appToken: 'xapp-wrong', apiUrl: emulator.apiUrl });
      expect(report.ok).toBe(false);
      expect(report.problems.join('\n')).toMatch(/auth\.test .* invalid_auth/);
      expect(report.problems.join('\n')).toMatch(/apps\.connections\.open failed \(invalid_auth\)/);
    } finally {
      await emulator.close();
    }
  });

  it('an unreachable SLACK_API_URL → said in plain words', async () => {
    const report = await checkSlack({ botToken: 'xoxb-x', mode: 'http', signingSecret: 's', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(report.problems[0]).toMatch(/unreachable.*SLACK_API_URL/);
  });
});
