import type {
  ChatAdapter,
  CommandHandler,
  DeliveryOutcome,
  MessageRef,
  OutboundMessage,
  Platform,
} from '../../src/adapters/chat-adapter.js';

/**
 * What the next send into a channel does. Besides the three real outcomes, a step
 * can simulate the process dying: `crash-after-accept` posts the message and never
 * returns (the platform has it, we never learn), `crash-before-accept` never returns
 * and posts nothing; `throw-after-accept` posts then throws (a lost response).
 */
export type ScriptedStep =
  | { status: 'delivered' }
  | { status: 'retry-after'; retryAfterMs: number; reason?: string }
  | { status: 'rejected'; code: 'delivery/forbidden' | 'delivery/not-found' | 'delivery/invalid'; reason?: string }
  | { status: 'crash-after-accept' }
  | { status: 'crash-before-accept' }
  | { status: 'throw-after-accept' }
  | { status: 'throw' };

export interface PostedMessage {
  ref: MessageRef;
  idempotencyKey: string;
  message: OutboundMessage;
  /** Edits applied to this message, oldest first. */
  edits: OutboundMessage[];
  /** Replies posted in this message's thread. */
  replies: OutboundMessage[];
}

export interface FakeChatAdapter extends ChatAdapter {
  /** Every send call, in order, whatever its outcome. */
  readonly calls: OutboundMessage[];
  /** Messages that exist on the "platform" (posted alerts, digests, notices). */
  readonly posted: PostedMessage[];
  /** Queue steps for one channel, or '*' for any channel. */
  script(channelId: string, ...steps: ScriptedStep[]): void;
  postedIn(channelId: string): PostedMessage[];
  /** Resolves when a crash step has been hit (the test then "restarts"). */
  crashed(): Promise<void>;
  commandHandler: CommandHandler | null;
}

export function createFakeChatAdapter(platform: Platform = 'discord'): FakeChatAdapter {
  const calls: OutboundMessage[] = [];
  const posted: PostedMessage[] = [];
  const scripts = new Map<string, ScriptedStep[]>();
  let nextId = 1;
  let signalCrash: () => void = () => {};
  const crash = new Promise<void>((resolve) => {
    signalCrash = resolve;
  });

  function nextStep(channelId: string): ScriptedStep {
    for (const key of [channelId, '*']) {
      const steps = scripts.get(key);
      const step = steps?.shift();
      if (step) return step;
    }
    return { status: 'delivered' };
  }

  function accept(message: OutboundMessage): MessageRef {
    if (message.kind === 'update-edit') {
      const target = posted.find((p) => p.ref.messageId === message.target.messageId);
      target?.edits.push(message);
      return message.target;
    }
    if (message.kind === 'update-thread') {
      const target = posted.find((p) => p.ref.messageId === message.target.messageId);
      target?.replies.push(message);
      const threadId = message.target.threadId ?? `thread-${message.target.messageId}`;
      const ref = { platform, channelId: message.channelId, messageId: `m${nextId++}`, threadId };
      posted.push({ ref, idempotencyKey: message.idempotencyKey, message, edits: [], replies: [] });
      return ref;
    }
    const ref: MessageRef = { platform, channelId: message.channelId, messageId: `m${nextId++}` };
    posted.push({ ref, idempotencyKey: message.idempotencyKey, message, edits: [], replies: [] });
    return ref;
  }

  // Edits leave no new message, so remember their keys to answer findPosted like a nonce lookup.
  const editKeys = new Map<string, MessageRef>();

  const adapter: FakeChatAdapter = {
    platform,
    calls,
    posted,
    commandHandler: null,
    async start(onCommand) {
      adapter.commandHandler = onCommand;
    },
    async stop() {},
    script(channelId, ...steps) {
      scripts.set(channelId, [...(scripts.get(channelId) ?? []), ...steps]);
    },
    postedIn: (channelId) => posted.filter((p) => p.ref.channelId === channelId),
    crashed: () => crash,
    async send(message): Promise<DeliveryOutcome> {
      calls.push(message);
      const step = nextStep(message.channelId);
      switch (step.status) {
        case 'delivered': {
          const ref = accept(message);
          if (message.kind === 'update-edit') editKeys.set(message.idempotencyKey, ref);
          return { status: 'delivered', ref };
        }
        case 'retry-after':
          return { status: 'retry-after', retryAfterMs: step.retryAfterMs, reason: step.reason ?? 'rate limited' };
        case 'rejected':
          return { status: 'rejected', code: step.code, reason: step.reason ?? 'rejected by the fake' };
        case 'crash-after-accept': {
          const ref = accept(message);
          if (message.kind === 'update-edit') editKeys.set(message.idempotencyKey, ref);
          signalCrash();
          return new Promise<DeliveryOutcome>(() => {});
        }
        case 'crash-before-accept':
          signalCrash();
          return new Promise<DeliveryOutcome>(() => {});
        case 'throw-after-accept': {
          const ref = accept(message);
          if (message.kind === 'update-edit') editKeys.set(message.idempotencyKey, ref);
          throw new Error('socket hang up after the platform accepted');
        }
        case 'throw':
          throw new Error('connect ECONNRESET');
      }
    },
    async findPosted(channelId, idempotencyKey) {
      const found = posted.find((p) => p.ref.channelId === channelId && p.idempotencyKey === idempotencyKey);
      return found?.ref ?? editKeys.get(idempotencyKey) ?? null;
    },
  };
  return adapter;
}
