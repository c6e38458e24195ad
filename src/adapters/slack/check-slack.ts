import { LogLevel, webApi } from '@slack/bolt';
import { defaultSlackApiUrl } from './create-slack-adapter.js';
import { slackErrorCode } from './slack-outcome.js';

/** Scopes Sitrep needs from the bot token (see slack/manifest.yaml for why each). */
export const requiredSlackScopes = ['commands', 'chat:write', 'channels:history', 'groups:history', 'users:read'] as const;

export interface SlackCheckInput {
  botToken: string | undefined;
  mode: 'http' | 'socket';
  appToken?: string | undefined;
  signingSecret?: string | undefined;
  apiUrl?: string | undefined;
  /** Config admin entries: user group ids (S…) need usergroups:read. */
  adminUsers?: readonly string[];
}

export interface SlackCheckReport {
  ok: boolean;
  apiUrl: string;
  team: string | null;
  botUserId: string | null;
  /** Scopes reported by auth.test (x-oauth-scopes), empty when unknown. */
  scopes: string[];
  missingScopes: string[];
  /** Plain-words problems, each saying what to do. */
  problems: string[];
}

/**
 * For `sitrep doctor`: calls auth.test on the configured API URL and reports
 * the workspace, the bot user and which scopes are missing; in Socket Mode also
 * asks apps.connections.open whether the app-level token works.
 */
export async function checkSlack(input: SlackCheckInput): Promise<SlackCheckReport> {
  const apiUrl = (input.apiUrl ?? defaultSlackApiUrl).replace(/\/?$/, '/');
  const report: SlackCheckReport = { ok: false, apiUrl, team: null, botUserId: null, scopes: [], missingScopes: [], problems: [] };
  // Failures are reported as problems; the SDK's own warnings would only repeat them.
  const options = { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000, logLevel: LogLevel.ERROR };

  if (input.mode === 'http' && !input.signingSecret) {
    report.problems.push('SLACK_SIGNING_SECRET is not set: HTTP mode cannot verify requests (api.slack.com/apps → Basic Information → Signing Secret).');
  }
  if (input.mode === 'socket' && !input.appToken) {
    report.problems.push('SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…) with connections:write.');
  }
  if (!input.botToken) {
    report.problems.push('SLACK_BOT_TOKEN is not set: install the app to the workspace and copy the Bot User OAuth Token (xoxb-…).');
    return report;
  }

  try {
    const auth = await new webApi.WebClient(input.botToken, options).auth.test();
    report.team = auth.team ?? auth.team_id ?? null;
    report.botUserId = auth.user_id ?? null;
    report.scopes = auth.response_metadata?.scopes ?? [];
    const wanted: string[] = [...requiredSlackScopes];
    if ((input.adminUsers ?? []).some((id) => id.startsWith('S'))) wanted.push('usergroups:read');
    report.missingScopes = report.scopes.length > 0 ? wanted.filter((scope) => !report.scopes.includes(scope)) : [];
    if (report.missingScopes.length > 0) {
      report.problems.push(`The bot token lacks scopes ${report.missingScopes.join(', ')}: add them under OAuth & Permissions (or re-paste slack/manifest.yaml) and reinstall the app.`);
    }
  } catch (error) {
    const code = slackErrorCode(error);
    report.problems.push(
      code
        ? `auth.test at ${apiUrl} answered ${code}: the bot token is wrong or revoked; copy it again from OAuth & Permissions.`
        : `Slack API at ${apiUrl} is unreachable (${error instanceof Error ? error.message : String(error)}): check SLACK_API_URL and the network.`,
    );
  }

  if (input.mode === 'socket' && input.appToken) {
    try {
      await new webApi.WebClient(input.appToken, options).apps.connections.open();
    } catch (error) {
      const code = slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
      report.problems.push(`apps.connections.open failed (${code}): enable Socket Mode and create an app-level token with connections:write.`);
    }
  }
  report.ok = report.problems.length === 0;
  return report;
}
