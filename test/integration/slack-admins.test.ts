import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { createAdminResolver } from '../../src/adapters/slack/slack-admins.js';
import { createSilentLogger } from '../../src/domain/logger.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack/slack-emulator.js';

describe('Slack admin resolution', () => {
  let emulator: SlackEmulator;
  let now = 0;
  beforeEach(async () => {
    emulator = await startSlackEmulator();
    emulator.state.addUser('U0MEMBER');
    emulator.state.addUser('U0OWNER', { isOwner: true });
    emulator.state.addUser('U0EDITOR');
    emulator.state.userGroups.set('S0EDITORS', ['U0EDITOR']);
    now = 0;
  });
  afterEach(() => emulator.close());

  const resolver = (adminUsers: string[]) =>
    createAdminResolver(new webApi.WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }), {
      adminUsers,
      cacheMs: 60_000,
      now: () => now,
      logger: createSilentLogger(),
    });

  it('owner → admin; member → not; a member of a configured user group → admin; a configured user id → admin without a lookup', async () => {
    const isAdmin = resolver(['S0EDITORS', 'U0LISTED']);
    expect(await isAdmin('U0OWNER')).toBe(true);
    expect(await isAdmin('U0MEMBER')).toBe(false);
    expect(await isAdmin('U0EDITOR')).toBe(true);
    const before = emulator.calls.length;
    expect(await isAdmin('U0LISTED')).toBe(true);
    expect(emulator.calls.length).toBe(before);
  });

  it('ten commands in a minute → one users.info; after the cache expires → looked up again', async () => {
    const isAdmin = resolver([]);
    for (let i = 0; i < 10; i += 1) await isAdmin('U0MEMBER');
    expect(emulator.callsTo('users.info')).toHaveLength(1);
    now += 61_000;
    await isAdmin('U0MEMBER');
    expect(emulator.callsTo('users.info')).toHaveLength(2);
  });

  it('users.info fails (rate limited) → not admin, and the failure is not cached', async () => {
    const isAdmin = resolver([]);
    emulator.fail('users.info', { type: 'rate-limited', retryAfterSec: 1 });
    expect(await isAdmin('U0OWNER')).toBe(false);
    expect(await isAdmin('U0OWNER')).toBe(true);
  });
});
