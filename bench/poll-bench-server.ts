import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { FarmOptions, FarmReply, FarmRequest } from './poll-bench-farm.js';

/**
 * The poll benchmark's feed farm, driven from the main thread. The servers run
 * in a worker thread (see poll-bench-farm.ts). Kept in bench/ because tsc builds
 * bench/ but not test/ into dist/.
 */
export interface PollBenchServer {
  /** Feed URLs, spread round-robin over the hosts. */
  urls: string[];
  /** Makes `share` of the feeds (every k-th) publish a new version; returns how many. */
  publishNewVersions(share: number): Promise<number>;
  requests(): Promise<{ total: number; notModified: number; ok: number }>;
  close(): Promise<void>;
}

export async function startPollBenchServer(options: FarmOptions): Promise<PollBenchServer> {
  const worker = new Worker(new URL('./poll-bench-farm.js', import.meta.url), { workerData: options });
  const next = async <K extends FarmReply['type']>(type: K): Promise<Extract<FarmReply, { type: K }>> => {
    for (;;) {
      const [message] = (await once(worker, 'message')) as [FarmReply];
      if (message.type === type) return message as Extract<FarmReply, { type: K }>;
    }
  };
  const ask = <K extends FarmReply['type']>(request: FarmRequest, type: K): Promise<Extract<FarmReply, { type: K }>> => {
    const reply = next(type);
    worker.postMessage(request);
    return reply;
  };
  const { urls } = await next('ready');
  return {
    urls,
    publishNewVersions: async (share) => (await ask({ type: 'publish', share }, 'published')).changed,
    requests: async () => {
      const { total, notModified, ok } = await ask({ type: 'counts' }, 'counts');
      return { total, notModified, ok };
    },
    close: async () => {
      await ask({ type: 'close' }, 'closed');
      await worker.terminate();
    },
  };
}
