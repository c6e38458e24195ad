/** What a per-channel queue holds: enough to choose what to evict on overflow. */
export interface QueuedDelivery<T> {
  kind: 'alert' | 'update' | 'digest' | 'notice';
  value: T;
}

export interface ChannelQueues<T> {
  /**
   * Appends; when the channel is full, evicts the oldest instant alert (else the
   * oldest update) and returns it so the caller can demote it to the digest.
   */
  push(channel: string, item: QueuedDelivery<T>): QueuedDelivery<T> | null;
  /** Puts an item back at the front (retry-after): never evicts. */
  unshift(channel: string, item: QueuedDelivery<T>): void;
  peek(channel: string): QueuedDelivery<T> | undefined;
  shift(channel: string): QueuedDelivery<T> | undefined;
  /** Removes and returns everything queued for a channel (channel gone). */
  drain(channel: string): QueuedDelivery<T>[];
  size(channel: string): number;
  total(): number;
  /** Channels with queued items, rotating so every channel gets its turn. */
  nextChannels(): Iterable<string>;
}

/** Bounded FIFO queues per channel with round-robin service across channels. */
export function createChannelQueues<T>(maxPerChannel: number): ChannelQueues<T> {
  const queues = new Map<string, QueuedDelivery<T>[]>();
  let ring: string[] = [];
  let inRing = new Set<string>();
  let cursor = 0;
  let total = 0;

  function queueOf(channel: string): QueuedDelivery<T>[] {
    let queue = queues.get(channel);
    if (!queue) {
      queue = [];
      queues.set(channel, queue);
      if (!inRing.has(channel)) {
        inRing.add(channel);
        ring.push(channel);
      }
    }
    return queue;
  }

  function cleanup(channel: string, queue: QueuedDelivery<T>[]): void {
    if (queue.length === 0) queues.delete(channel);
  }

  function evictIndex(queue: QueuedDelivery<T>[]): number {
    const alert = queue.findIndex((item) => item.kind === 'alert');
    return alert >= 0 ? alert : queue.findIndex((item) => item.kind === 'update');
  }

  return {
    push(channel, item) {
      const queue = queueOf(channel);
      queue.push(item);
      total += 1;
      if (queue.length <= maxPerChannel) return null;
      const index = evictIndex(queue);
      if (index < 0) return null;
      const [evicted] = queue.splice(index, 1);
      total -= 1;
      return evicted ?? null;
    },
    unshift(channel, item) {
      queueOf(channel).unshift(item);
      total += 1;
    },
    peek: (channel) => queues.get(channel)?.[0],
    shift(channel) {
      const queue = queues.get(channel);
      const item = queue?.shift();
      if (queue && item) {
        total -= 1;
        cleanup(channel, queue);
      }
      return item;
    },
    drain(channel) {
      const queue = queues.get(channel) ?? [];
      queues.delete(channel);
      total -= queue.length;
      return queue;
    },
    size: (channel) => queues.get(channel)?.length ?? 0,
    total: () => total,
    *nextChannels() {
      if (ring.length > queues.size * 2 + 16) {
        ring = ring.filter((channel) => queues.has(channel));
        inRing = new Set(ring);
        cursor = 0;
      }
      const length = ring.length;
      const start = cursor;
      for (let step = 0; step < length; step += 1) {
        const index = (start + step) % length;
        const channel = ring[index];
        if (channel === undefined || !queues.has(channel)) continue;
        cursor = (index + 1) % length;
        yield channel;
      }
    },
  };
}
