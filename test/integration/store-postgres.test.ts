import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import pg from 'pg';
import { openStore } from '../../src/store/keyv-store.js';
import { isReachable, runStoreContract } from './helpers/store-contract.js';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const table = `sitrep_test_${randomUUID().replace(/-/g, '')}`;

if (await isReachable('127.0.0.1', 5432)) {
  runStoreContract({
    name: 'postgres://',
    open: () => openStore(url, { table }),
    cleanup: async () => {
      const pool = new pg.Pool({ connectionString: url });
      await pool.query(`DROP TABLE IF EXISTS ${table}`);
      await pool.end();
    },
    persistent: true,
  });
} else {
  describe('store contract: postgres://', () => {
    it.skip('skipped: no PostgreSQL server at 127.0.0.1:5432 (start one to run this suite)', () => undefined);
  });
}
