import type { webApi } from '@slack/bolt';
import type { DeliveryOutcome, MessageRef, OutboundMessage } from '../chat-adapter.js';
import { alertMessage, updateMessage, type RenderedMessage } from './render-alert.js';
import { digestMessage, noticeMessage } from './render-messages.js';
import { outcomeUnknown, slackErrorOutcome } from './slack-outcome.js';

/** The metadata event type that marks Sitrep's own posts (and carries the idempotency key). */
export const sitrepEventType = 'sitrep_alert';

export interface SlackDeliveryOptions {
  /** Messages of channel history searched by findPosted (Slack allows up to 999; 100 is one cheap page). */
  historyLimit: number;
  /** Wait before retrying after Slack or the network failed (default 5 s). */
  unavailableRetryMs?: number;
}

export interface SlackDelivery {
  send(message: OutboundMessage): Promise<DeliveryOutcome>;
  findPosted(channelId: string, idempotencyKey: string): Promise<MessageRef | null>;
}

interface HistoryMessage {
  ts?: string;
  thread_ts?: string;
  reply_count?: number;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

function carries(message: HistoryMessage, key: string): boolean {
  return message.metadata?.event_type === sitrepEventType && message.metadata.event_payload?.['key'] === key;
}

function metadata(key: string) {
  return { event_type: sitrepEventType, event_payload: { key } };
}

function render(message: OutboundMessage): RenderedMessage {
  switch (message.kind) {
    case 'alert':
      return alertMessage(message.alert, message.mentionRoleId ? { mentionGroupId: message.mentionRoleId } : {});
    case 'update-edit':
      return alertMessage(message.alert);
    case 'update-thread':
      return updateMessage(message.alert);
    case 'digest':
      return digestMessage(message.digest);
    case 'notice':
      return noticeMessage(message.notice);
  }
}

/**
 * Posting, editing and threading through the Web API, and finding a post again
 * after a crash by the idempotency key in its message metadata. Every call ends
 * in an outcome value; nothing throws out of send().
 */
export function createSlackDelivery(client: webApi.WebClient, options: SlackDeliveryOptions): SlackDelivery {
  // Links never unfurl: a preview would repeat the alert and could show a feed's tracking image.
  const common = { unfurl_links: false, unfurl_media: false } as const;

  async function post(channel: string, rendered: RenderedMessage, key: string, threadTs?: string): Promise<string> {
    const result = await client.chat.postMessage({
      channel,
      text: rendered.text,
      blocks: rendered.blocks,
      metadata: metadata(key),
      ...common,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    if (!result.ts) throw new Error('chat.postMessage returned no ts');
    return result.ts;
  }

  async function deliver(message: OutboundMessage): Promise<MessageRef> {
    const rendered = render(message);
    const ref = (messageId: string, threadId?: string): MessageRef => ({
      platform: 'slack',
      channelId: message.channelId,
      messageId,
      ...(threadId ? { threadId } : {}),
    });
    if (message.kind === 'update-edit') {
      // The original keeps its metadata (the alert's key): findPosted still finds it.
      await client.chat.update({ channel: message.target.channelId, ts: message.target.messageId, text: rendered.text, blocks: rendered.blocks });
      return message.target;
    }
    if (message.kind === 'update-thread') {
      const threadTs = message.target.threadId ?? message.target.messageId;
      return ref(await post(message.channelId, rendered, message.idempotencyKey, threadTs), threadTs);
    }
    return ref(await post(message.channelId, rendered, message.idempotencyKey));
  }

  async function history(channel: string): Promise<HistoryMessage[]> {
    const result = await client.conversations.history({ channel, limit: options.historyLimit, include_all_metadata: true });
    return (result.messages ?? []) as HistoryMessage[];
  }

  async function replies(channel: string, ts: string): Promise<HistoryMessage[]> {
    const result = await client.conversations.replies({ channel, ts, limit: options.historyLimit, include_all_metadata: true });
    return (result.messages ?? []) as HistoryMessage[];
  }

  // Posts whose answer was lost: Slack has no nonce, so before posting one of
  // these again its channel is searched for the key (a lost answer must not
  // become a second message).
  const uncertain = new Set<string>();

  async function send(message: OutboundMessage): Promise<DeliveryOutcome> {
    const key = message.idempotencyKey;
    if (uncertain.has(key)) {
      let found: MessageRef | null;
      try {
        found = await findPosted(message.channelId, key);
      } catch (error) {
        return slackErrorOutcome(error, options.unavailableRetryMs);
      }
      uncertain.delete(key);
      if (found) return { status: 'delivered', ref: found };
    }
    try {
      return { status: 'delivered', ref: await deliver(message) };
    } catch (error) {
      // An edit can be repeated safely; a post cannot.
      if (message.kind !== 'update-edit' && outcomeUnknown(error)) uncertain.add(key);
      return slackErrorOutcome(error, options.unavailableRetryMs);
    }
  }

  async function findPosted(channelId: string, idempotencyKey: string): Promise<MessageRef | null> {
    let recent: HistoryMessage[];
    try {
      recent = await history(channelId);
    } catch (error) {
      // A channel we cannot read holds nothing of ours: sending will report why.
      if (slackErrorOutcome(error).status === 'rejected') return null;
      throw error;
    }
    const found = recent.find((m) => carries(m, idempotencyKey));
    if (found?.ts) return { platform: 'slack', channelId, messageId: found.ts };
    if (!idempotencyKey.includes(':update:')) return null;
    // Thread replies are not in channel history: look inside our threads.
    for (const parent of recent) {
      if (!parent.ts || !parent.reply_count || parent.metadata?.event_type !== sitrepEventType) continue;
      const thread = await replies(channelId, parent.ts).catch(() => []);
      const reply = thread.find((m) => carries(m, idempotencyKey));
      if (reply?.ts) return { platform: 'slack', channelId, messageId: reply.ts, threadId: parent.ts };
    }
    return null;
  }

  return { send, findPosted };
}
