import { Routes, type APIEmbed, type APIMessage, type REST } from 'discord.js';
import type { DeliveryOutcome, MessageRef, OutboundMessage } from '../chat-adapter.js';
import type { Alert } from '../../domain/alert.js';
import { deliveryNonce } from './delivery-nonce.js';
import type { DispatchGate } from './dispatch-gate.js';
import { truncate } from './escape-discord.js';
import { alertEmbed, updateEmbed } from './render-alert.js';
import { digestEmbed, noticeEmbed } from './render-messages.js';
import { isForbidden, isThreadAlreadyCreated, isUnauthorized, restErrorOutcome } from './rest-outcome.js';

export interface DiscordDeliveryOptions {
  /** Messages of channel history searched by findPosted (Discord allows up to 100). */
  historyLimit: number;
  /** Wait after a 401 before anything is sent again: a bad token must not pile up invalid requests. */
  unauthorizedPauseMs: number;
  /** Wait after a 5xx or a network failure. */
  unavailableRetryMs: number;
  now: () => number;
}

export interface DiscordDelivery {
  send(message: OutboundMessage): Promise<DeliveryOutcome>;
  findPosted(channelId: string, idempotencyKey: string): Promise<MessageRef | null>;
}

interface PostBody {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: { parse: []; roles?: string[] };
  nonce: string;
  enforce_nonce: true;
}

type HistoryMessage = Pick<APIMessage, 'id' | 'embeds'> & { nonce?: string | number | null; thread?: { id: string } | null };

function carries(message: HistoryMessage, nonce: string): boolean {
  return message.nonce === nonce || message.embeds.some((embed) => embed.footer?.text.endsWith(`ref ${nonce}`) ?? false);
}

/**
 * Posting, editing and threading through @discordjs/rest, and finding a post
 * again after a crash. Every call ends in an outcome value; nothing throws out
 * of send().
 */
export function createDiscordDelivery(rest: REST, options: DiscordDeliveryOptions, gate: DispatchGate): DiscordDelivery {
  let unauthorizedUntil = 0;

  function body(embed: APIEmbed, key: string, mentionRoleId?: string): PostBody {
    return {
      ...(mentionRoleId ? { content: `<@&${mentionRoleId}>` } : {}),
      embeds: [embed],
      // Nobody is notified by anything in a message except the subscription's own role.
      allowed_mentions: mentionRoleId ? { parse: [], roles: [mentionRoleId] } : { parse: [] },
      nonce: deliveryNonce(key),
      enforce_nonce: true,
    };
  }

  async function post(channelId: string, payload: PostBody): Promise<APIMessage> {
    return (await gate.run(() => rest.post(Routes.channelMessages(channelId), { body: payload }))) as APIMessage;
  }

  async function threadFor(target: MessageRef, name: string): Promise<string> {
    if (target.threadId) return target.threadId;
    try {
      const thread = (await gate.run(() =>
        rest.post(Routes.threads(target.channelId, target.messageId), {
          body: { name: truncate(name, 100), auto_archive_duration: 1440 },
        }),
      )) as { id: string };
      return thread.id;
    } catch (error) {
      // Created by an attempt whose answer we lost: a message's thread has the message's id.
      if (isThreadAlreadyCreated(error)) return target.messageId;
      throw error;
    }
  }

  async function editAlert(target: MessageRef, alert: Alert, nonce: string): Promise<MessageRef> {
    await gate.run(() =>
      rest.patch(Routes.channelMessage(target.channelId, target.messageId), {
        body: { embeds: [alertEmbed(alert, nonce)], allowed_mentions: { parse: [] } },
      }),
    );
    return target;
  }

  async function deliver(message: OutboundMessage): Promise<MessageRef> {
    const nonce = deliveryNonce(message.idempotencyKey);
    const ref = (channelId: string, messageId: string, threadId?: string): MessageRef => ({
      platform: 'discord',
      channelId,
      messageId,
      ...(threadId ? { threadId } : {}),
    });
    switch (message.kind) {
      case 'alert': {
        const posted = await post(message.channelId, body(alertEmbed(message.alert, nonce), message.idempotencyKey, message.mentionRoleId));
        return ref(message.channelId, posted.id);
      }
      case 'update-edit':
        return editAlert(message.target, message.alert, nonce);
      case 'update-thread': {
        try {
          const threadId = await threadFor(message.target, message.alert.title || 'Story updates');
          const posted = await post(threadId, body(updateEmbed(message.alert, nonce), message.idempotencyKey));
          return ref(message.channelId, posted.id, threadId);
        } catch (error) {
          // Without permission to create or post in threads the channel still gets the update,
          // in the alert itself, instead of its subscriptions being paused.
          if (isForbidden(error)) return editAlert(message.target, message.alert, nonce);
          throw error;
        }
      }
      case 'digest': {
        const posted = await post(message.channelId, body(digestEmbed(message.digest, nonce), message.idempotencyKey));
        return ref(message.channelId, posted.id);
      }
      case 'notice': {
        const posted = await post(message.channelId, body(noticeEmbed(message.notice, nonce), message.idempotencyKey));
        return ref(message.channelId, posted.id);
      }
    }
  }

  async function history(channelId: string): Promise<HistoryMessage[]> {
    const query = new URLSearchParams({ limit: String(options.historyLimit) });
    return (await gate.run(() => rest.get(Routes.channelMessages(channelId), { query }))) as HistoryMessage[];
  }

  return {
    async send(message) {
      const now = options.now();
      if (now < unauthorizedUntil) {
        return { status: 'retry-after', retryAfterMs: unauthorizedUntil - now, reason: 'discord rejected the bot token (401): check DISCORD_TOKEN' };
      }
      try {
        return { status: 'delivered', ref: await deliver(message) };
      } catch (error) {
        if (isUnauthorized(error)) {
          unauthorizedUntil = now + options.unauthorizedPauseMs;
          return { status: 'retry-after', retryAfterMs: options.unauthorizedPauseMs, reason: 'discord rejected the bot token (401): check DISCORD_TOKEN' };
        }
        return restErrorOutcome(error, options.unavailableRetryMs);
      }
    },

    async findPosted(channelId, idempotencyKey) {
      const nonce = deliveryNonce(idempotencyKey);
      let recent: HistoryMessage[];
      try {
        recent = await history(channelId);
      } catch (error) {
        const outcome = restErrorOutcome(error, options.unavailableRetryMs);
        // A channel we cannot read holds nothing of ours: sending will report why.
        if (outcome.status === 'rejected') return null;
        throw error;
      }
      const found = recent.find((message) => carries(message, nonce));
      if (found) return { platform: 'discord', channelId, messageId: found.id };
      if (!idempotencyKey.includes(':update:')) return null;
      // Thread replies live in the thread started from one of our alerts.
      for (const parent of recent) {
        if (!parent.thread) continue;
        const replies = await history(parent.thread.id).catch(() => []);
        const reply = replies.find((message) => carries(message, nonce));
        if (reply) return { platform: 'discord', channelId, messageId: reply.id, threadId: parent.thread.id };
      }
      return null;
    },
  };
}
