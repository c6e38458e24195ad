import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { requiredSlackScopes } from '../../../../src/adapters/slack/check-slack.js';
import { whyActionId } from '../../../../src/adapters/slack/render-alert.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

interface Manifest {
  features: { slash_commands: { command: string; url: string; usage_hint: string }[]; bot_user: { display_name: string } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

describe('slack/manifest.yaml', () => {
  const manifest = parse(readFileSync(path.join(repoRoot, 'slack/manifest.yaml'), 'utf8')) as Manifest;

  it('scopes drift from what the code calls → doctor and manifest disagree', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...requiredSlackScopes].sort());
  });

  it('chat:write.public or any read-everything scope requested → least privilege broken', () => {
    expect(manifest.oauth_config.scopes.bot).not.toContain('chat:write.public');
    expect(manifest.oauth_config.scopes.bot.filter((s) => /admin|im:|mpim:|files|users:read\.email/.test(s))).toEqual([]);
  });

  it('/sitrep, interactivity (for the Why this? button) and Socket Mode are set; URLs point at /slack/events', () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe('/sitrep');
    expect(command?.usage_hint.length).toBeLessThanOrEqual(1000);
    expect(command?.url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true });
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(whyActionId).toBe('sitrep_why');
  });
});
