/** What the fake Slack workspace holds: channels, their messages, users and user groups. */

export interface EmulatedMessage {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  thread_ts: string | null;
  reply_count: number;
  edits: { text: string; blocks: unknown[] }[];
  unfurl_links: boolean | null;
  unfurl_media: boolean | null;
}

export interface EmulatedChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** When false, posting answers not_in_channel (private channels the bot was not invited to). */
  botIsMember: boolean;
}

export interface EmulatedUser {
  id: string;
  name: string;
  isAdmin: boolean;
  isOwner: boolean;
}

export interface EphemeralRecord {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
}

export class EmulatorState {
  readonly channels = new Map<string, EmulatedChannel>();
  readonly messages = new Map<string, EmulatedMessage[]>();
  readonly users = new Map<string, EmulatedUser>();
  readonly userGroups = new Map<string, string[]>();
  readonly ephemerals: EphemeralRecord[] = [];
  private tsCounter = 0;

  constructor(private readonly now: () => number) {}

  addChannel(id: string, options: Partial<Omit<EmulatedChannel, 'id'>> = {}): EmulatedChannel {
    const channel: EmulatedChannel = { id, name: options.name ?? id.toLowerCase(), isPrivate: false, isArchived: false, botIsMember: true, ...options };
    this.channels.set(id, channel);
    if (!this.messages.has(id)) this.messages.set(id, []);
    return channel;
  }

  addUser(id: string, options: Partial<Omit<EmulatedUser, 'id'>> = {}): EmulatedUser {
    const user: EmulatedUser = { id, name: options.name ?? id.toLowerCase(), isAdmin: false, isOwner: false, ...options };
    this.users.set(id, user);
    return user;
  }

  /** Slack timestamps: seconds, a dot, six digits; unique and increasing per workspace here. */
  nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(this.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  /** Top-level messages of a channel, oldest first (thread replies excluded). */
  channelMessages(channel: string): EmulatedMessage[] {
    return (this.messages.get(channel) ?? []).filter((m) => m.thread_ts === null || m.thread_ts === m.ts);
  }

  /** Replies in a thread, oldest first (the parent excluded). */
  threadReplies(channel: string, threadTs: string): EmulatedMessage[] {
    return (this.messages.get(channel) ?? []).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
  }

  /** Every message in every channel, thread replies included. */
  allMessages(): EmulatedMessage[] {
    return [...this.messages.values()].flat();
  }

  find(channel: string, ts: string): EmulatedMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }
}
