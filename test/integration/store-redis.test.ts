import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { createClient } from '@keyv/redis';
import { openStore } from '../../src/store/keyv-store.js';
import { isReachable, runStoreContract } from './helpers/store-contract.js';

const url = 'redis://127.0.0.1:6379';
const prefix = `sitrep-test-${randomUUID()}:`;

if (await isReachable('127.0.0.1', 6379)) {
  runStoreContract({
    name: 'redis://',
    open: () => openStore(url, { namespacePrefix: prefix }),
    cleanup: async () => {
      const client = createClient({ url });
      await client.connect();
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*` })) {
        if (keys.length > 0) await client.del(keys);
      }
      await client.close();
    },
    persistent: true,
  });
} else {
  describe('store contract: redis://', () => {
    it.skip('skipped: no Redis server at 127.0.0.1:6379 (start one to run this suite)', () => undefined);
  });
}
