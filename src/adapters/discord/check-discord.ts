import { REST, Routes, type RESTGetAPIUserResult } from 'discord.js';

export interface DiscordCheckInput {
  token: string | undefined;
  applicationId: string | undefined;
  apiUrl: string | undefined;
}

export interface DiscordCheckReport {
  ok: boolean;
  apiUrl: string;
  botUser: string | null;
  gatewayUrl: string | null;
  /** Plain-words problems, each saying what to do. */
  problems: string[];
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : null;
}

/** For `sitrep doctor`: is the token valid at the configured REST base, and is the gateway reachable? */
export async function checkDiscord(input: DiscordCheckInput): Promise<DiscordCheckReport> {
  const apiUrl = input.apiUrl ?? 'https://discord.com/api';
  const report: DiscordCheckReport = { ok: false, apiUrl, botUser: null, gatewayUrl: null, problems: [] };
  if (!input.applicationId) report.problems.push('DISCORD_APPLICATION_ID is not set: copy the Application ID from the developer portal (General Information).');
  if (!input.token) {
    report.problems.push('DISCORD_TOKEN is not set: create a bot under Bot → Reset Token and copy it.');
    return report;
  }
  const rest = new REST({ api: apiUrl, version: '10', timeout: 10_000, retries: 0 }).setToken(input.token);
  try {
    const me = (await rest.get(Routes.user('@me'))) as RESTGetAPIUserResult;
    report.botUser = `${me.username} (${me.id})`;
    const gateway = (await rest.get(Routes.gatewayBot())) as { url?: string };
    report.gatewayUrl = gateway.url ?? null;
  } catch (error) {
    const status = statusOf(error);
    report.problems.push(
      status === 401
        ? `Discord at ${apiUrl} rejected the token (401): reset it under Bot → Reset Token and set DISCORD_TOKEN again.`
        : `Discord REST at ${apiUrl} is unreachable or failing (${error instanceof Error ? error.message : String(error)}): check DISCORD_API_URL and the network.`,
    );
  }
  report.ok = report.problems.length === 0;
  return report;
}
