/** Typed builders for what Slack sends an app: slash commands and block_actions. */

export interface SlashCommandInput {
  text: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
  command?: string;
}

/** The fields of a slash-command request (form fields over HTTP, `payload` over Socket Mode). */
export function slashCommandPayload(input: SlashCommandInput): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: input.teamId ?? 'T0EMULATED',
    team_domain: 'emulated',
    channel_id: input.channelId ?? 'C0NEWS',
    channel_name: 'news',
    user_id: input.userId ?? 'U0MEMBER',
    user_name: 'member',
    command: input.command ?? '/sitrep',
    text: input.text,
    api_app_id: 'A0SITREP',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: `${Date.now()}.trigger`,
  };
}

export interface BlockActionInput {
  actionId: string;
  value: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  messageTs?: string;
  responseUrl: string;
}

/** A block_actions payload for one button press. */
export function blockActionPayload(input: BlockActionInput): Record<string, unknown> {
  const teamId = input.teamId ?? 'T0EMULATED';
  const channelId = input.channelId ?? 'C0NEWS';
  const userId = input.userId ?? 'U0MEMBER';
  const messageTs = input.messageTs ?? '1700000000.000001';
  return {
    type: 'block_actions',
    user: { id: userId, username: 'member', name: 'member', team_id: teamId },
    api_app_id: 'A0SITREP',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: `${Date.now()}.trigger`,
    team: { id: teamId, domain: 'emulated' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'news' },
    message: { type: 'message', ts: messageTs, text: 'alert', blocks: [] },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [{ action_id: input.actionId, block_id: 'sitrep_actions', text: { type: 'plain_text', text: 'Why this?' }, value: input.value, type: 'button', action_ts: `${Date.now() / 1000}` }],
  };
}
