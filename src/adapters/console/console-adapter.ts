import type { ChatAdapter, CommandHandler, DeliveryOutcome, MessageRef, OutboundMessage } from '../chat-adapter.js';
import { formatAlert, formatDigest, formatNotice } from './format-console.js';

export { formatItemLine } from './format-console.js';

export interface ConsoleAdapterOptions {
  /** Prefix every block with the channel id (useful when several subscriptions print). */
  showChannel?: boolean;
}

/**
 * Prints alerts, updates, digests and notices as readable lines: the adapter used
 * when no Slack or Discord token is configured. Receives no commands.
 */
export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  private readonly posted = new Map<string, MessageRef>();
  private sequence = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly options: ConsoleAdapterOptions = {},
  ) {}

  /** A terminal has no slash commands; the handler is not needed. */
  async start(_onCommand: CommandHandler): Promise<void> {}

  async stop(): Promise<void> {}

  async send(message: OutboundMessage): Promise<DeliveryOutcome> {
    const key = `${message.channelId}\u0000${message.idempotencyKey}`;
    const already = this.posted.get(key);
    if (already) return { status: 'delivered', ref: already };

    const lines = this.render(message);
    const prefix = this.options.showChannel ? `#${message.channelId} ` : '';
    this.stream.write(`${lines.map((line, index) => (index === 0 ? prefix + line : line)).join('\n')}\n`);

    this.sequence += 1;
    const ref: MessageRef = {
      platform: 'console',
      channelId: message.channelId,
      messageId: String(this.sequence),
      ...(message.kind === 'update-thread' ? { threadId: message.target.messageId } : {}),
    };
    this.posted.set(key, ref);
    return { status: 'delivered', ref };
  }

  async findPosted(channelId: string, idempotencyKey: string): Promise<MessageRef | null> {
    return this.posted.get(`${channelId}\u0000${idempotencyKey}`) ?? null;
  }

  private render(message: OutboundMessage): string[] {
    switch (message.kind) {
      case 'alert':
        return formatAlert(message.alert);
      case 'update-edit':
        return formatAlert(message.alert, `UPDATE (edits #${message.target.messageId})`);
      case 'update-thread':
        return formatAlert(message.alert, `UPDATE (thread of #${message.target.messageId})`);
      case 'digest':
        return formatDigest(message.digest, message.part);
      case 'notice':
        return formatNotice(message.notice);
    }
  }
}
