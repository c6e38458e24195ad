import type { Alert, Digest, Notice } from '../domain/alert.js';

export type Platform = 'console' | 'discord' | 'slack';

/** Where a message lives once posted, so it can be edited or replied to later. */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
  /** Slack thread timestamp or Discord thread id, when the update style is `thread`. */
  threadId?: string;
}

/** One message the delivery engine asks an adapter to post or edit. */
export type OutboundMessage =
  | { kind: 'alert'; channelId: string; idempotencyKey: string; alert: Alert; mentionRoleId?: string }
  | { kind: 'update-edit'; channelId: string; idempotencyKey: string; alert: Alert; target: MessageRef }
  | { kind: 'update-thread'; channelId: string; idempotencyKey: string; alert: Alert; target: MessageRef }
  | { kind: 'digest'; channelId: string; idempotencyKey: string; digest: Digest; part: number }
  | { kind: 'notice'; channelId: string; idempotencyKey: string; notice: Notice };

/**
 * Expected outcomes are values. `rejected` means "do not retry": the router pauses
 * the subscription on `delivery/forbidden` and `delivery/not-found`.
 */
export type DeliveryOutcome =
  | { status: 'delivered'; ref: MessageRef }
  | { status: 'retry-after'; retryAfterMs: number; reason: string }
  | { status: 'rejected'; code: 'delivery/forbidden' | 'delivery/not-found' | 'delivery/invalid'; reason: string };

/** A slash command as every platform hands it to the platform-neutral command core. */
export interface CommandRequest {
  platform: Platform;
  /** Discord guild id or Slack team id. */
  workspaceId: string;
  channelId: string;
  userId: string;
  /** Resolved by the adapter from platform permissions and configured admin roles/users. */
  isAdmin: boolean;
  /** Sub-command path, e.g. ["subscribe"] or ["feeds", "add"]. */
  path: string[];
  /** Named options, already split by the adapter (Discord options, parsed Slack text). */
  options: Record<string, string | number | boolean>;
}

/** A platform-neutral reply; adapters render it (markdown-ish text, escaped per platform). */
export interface CommandReply {
  ephemeral: boolean;
  title?: string;
  /** Lines of text written by Sitrep (safe); feed text inside must be passed through `feedText`. */
  lines: string[];
}

export type CommandHandler = (request: CommandRequest) => Promise<CommandReply>;

/** The one seam to a chat platform. Adding a platform is one sibling folder implementing this. */
export interface ChatAdapter {
  readonly platform: Platform;
  /** Connects and starts receiving commands; resolves once ready. */
  start(onCommand: CommandHandler): Promise<void>;
  stop(): Promise<void>;
  send(message: OutboundMessage): Promise<DeliveryOutcome>;
  /**
   * After a crash between "outbox written" and "send confirmed": find a message already
   * posted for this idempotency key (nonce or recent history), so it is not posted twice.
   */
  findPosted(channelId: string, idempotencyKey: string): Promise<MessageRef | null>;
}
