/**
 * What the Discord emulator remembers: guild, channels, messages, edits,
 * interaction callbacks and every request. Plain data the tests read directly.
 */

export interface EmuUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
}

export interface EmuRole {
  id: string;
  name: string;
  permissions: string;
}

export interface EmuChannel {
  id: string;
  type: number;
  name: string;
  guild_id: string;
  parent_id: string | null;
}

export interface EmuMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Record<string, unknown>[];
  nonce: string | null;
  allowed_mentions: unknown;
  author: EmuUser;
  timestamp: string;
  edited_timestamp: string | null;
  /** Set once a thread was started from this message (its id equals the message id). */
  thread: { id: string; name: string } | null;
  /** What Discord would notify for this message given its allowed_mentions ("everyone", "role:ID", "user:ID"). */
  pings: string[];
}

export interface EmuEdit {
  channelId: string;
  messageId: string;
  body: Record<string, unknown>;
  at: number;
}

export interface EmuCallback {
  interactionId: string;
  token: string;
  body: { type: number; data?: Record<string, unknown> };
}

export interface EmuRecordedRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
  status: number;
  at: number;
  authorization: string | null;
}

export interface EmuState {
  guild: { id: string; name: string; ownerId: string };
  roles: EmuRole[];
  channels: Map<string, EmuChannel>;
  messages: Map<string, EmuMessage[]>;
  edits: EmuEdit[];
  callbacks: EmuCallback[];
  /** Interactions the emulator delivered, by token. */
  interactions: Map<string, { id: string; channelId: string }>;
  /** PATCH …/messages/@original bodies, by interaction token. */
  originals: Map<string, Record<string, unknown>>;
  followups: { token: string; body: Record<string, unknown> }[];
  commands: { global: Record<string, unknown>[]; guild: Map<string, Record<string, unknown>[]> };
  requests: EmuRecordedRequest[];
  /** Responses with 401, 403 or 429: what gets a real bot banned when they pile up. */
  invalidRequests: number;
  rateLimited: number;
  /** Nonce → message id with the time it was used (enforce_nonce window). */
  nonces: Map<string, { channelId: string; messageId: string; at: number }>;
}

let counter = 0n;
const epoch = 1_420_070_400_000n;

/** Discord-shaped snowflakes: time-ordered, unique within the process. */
export function snowflake(now = Date.now()): string {
  counter += 1n;
  return (((BigInt(now) - epoch) << 22n) | (counter & 0x3fffffn)).toString();
}

export function createEmuState(guild: EmuState['guild']): EmuState {
  return {
    guild,
    roles: [{ id: guild.id, name: '@everyone', permissions: '0' }],
    channels: new Map(),
    messages: new Map(),
    edits: [],
    callbacks: [],
    interactions: new Map(),
    originals: new Map(),
    followups: [],
    commands: { global: [], guild: new Map() },
    requests: [],
    invalidRequests: 0,
    rateLimited: 0,
    nonces: new Map(),
  };
}

export function findMessage(state: EmuState, channelId: string, messageId: string): EmuMessage | undefined {
  return state.messages.get(channelId)?.find((message) => message.id === messageId);
}

/** The guild as GUILD_CREATE carries it (only the fields discord.js reads). */
export function guildPayload(state: EmuState): Record<string, unknown> {
  return {
    id: state.guild.id,
    name: state.guild.name,
    icon: null,
    owner_id: state.guild.ownerId,
    unavailable: false,
    member_count: 1,
    large: false,
    joined_at: new Date(0).toISOString(),
    features: [],
    premium_tier: 0,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    preferred_locale: 'en-US',
    system_channel_flags: 0,
    roles: state.roles.map((role, position) => ({
      id: role.id,
      name: role.name,
      permissions: role.permissions,
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
    })),
    channels: [...state.channels.values()]
      .filter((channel) => channel.type !== 11)
      .map((channel, position) => ({
        id: channel.id,
        type: channel.type,
        name: channel.name,
        guild_id: channel.guild_id,
        parent_id: channel.parent_id,
        position,
        permission_overwrites: [],
        nsfw: false,
        topic: null,
        rate_limit_per_user: 0,
        last_message_id: null,
      })),
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}
