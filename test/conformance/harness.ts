import type { CommandRequest, Platform } from '../../src/adapters/chat-adapter.js';
import type { DeliveryEngine } from '../../src/delivery/delivery-engine.js';
import type { StoryEvent } from '../../src/domain/story.js';

/**
 * What a conformance test needs from a platform, whatever the platform: a real
 * adapter talking to that platform's local emulator, wired to the real command
 * core and delivery engine over one store. Each platform implements this once
 * (discord-harness.ts, slack-harness.ts); the shared suite drives them alike.
 */

/** A message as a person would see it in the channel. */
export interface HarnessMessage {
  id: string;
  channelId: string;
  /** Everything visible: text, headline, summary, fields, context. */
  text: string;
  /** Who the message notified: "everyone", "role:ID", "user:ID". Empty when nobody. */
  pings: string[];
  /** Set when the message started a thread (its replies are in threadReplies). */
  threadId: string | null;
  edited: boolean;
}

export interface HarnessEdit {
  channelId: string;
  messageId: string;
  text: string;
}

export interface HarnessCommandResult {
  ephemeral: boolean;
  text: string;
}

/** Failures every platform can produce for the next post(s) into a channel. */
export type HarnessFailure =
  | { kind: 'rate-limit'; retryAfterMs: number; global?: boolean }
  /** The bot lost access to the channel (Discord 403 50001, Slack not_in_channel). */
  | { kind: 'forbidden' }
  /** The channel no longer exists (Discord 404 10003, Slack channel_not_found). */
  | { kind: 'channel-gone' }
  /** The platform posted the message but the answer never arrived. */
  | { kind: 'lost-response' };

export interface RunCommandOptions {
  admin?: boolean;
  channelId?: string;
  userId?: string;
}

export interface PlatformHarness {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Channel ids the bot can post in, created at start (at least three). */
  readonly channels: readonly string[];
  /** A slash command as a person types it, through the platform's real event path. */
  runCommand(path: string[], options?: CommandRequest['options'], who?: RunCommandOptions): Promise<HarnessCommandResult>;
  messagesIn(channelId: string): HarnessMessage[];
  threadReplies(channelId: string, messageId: string): HarnessMessage[];
  /** Every edit of a channel message, oldest first. */
  readonly edits: readonly HarnessEdit[];
  /** The next `times` (default 1) posts into the channel fail this way. */
  scriptFailure(channelId: string, failure: HarnessFailure, times?: number): void;
  /** Routes a story event through the delivery engine (outbox written) without sending. */
  route(event: StoryEvent): Promise<void>;
  /** Sends everything queued. */
  flush(): Promise<void>;
  /** route() then flush(). */
  publish(event: StoryEvent): Promise<void>;
  /**
   * The worker dies and comes back: the engine and adapter are dropped without
   * flushing and new ones start on the same store, then recover() and flush().
   */
  restart(): Promise<{ reconciled: number; requeued: number }>;
  readonly engine: DeliveryEngine;
  /** Requests the platform counted as invalid (401/403/429 on Discord). */
  invalidRequests(): number;
  stop(): Promise<void>;
}
