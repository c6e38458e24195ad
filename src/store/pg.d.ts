// The slice of node-postgres (a dependency of @keyv/postgres, which ships no types)
// that the store uses: one private pool per opened store.
declare module 'pg' {
  export interface PoolConfig {
    connectionString?: string;
    connectionTimeoutMillis?: number;
    max?: number;
  }
  export class Pool {
    constructor(config?: PoolConfig);
    query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
    end(): Promise<void>;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  const pg: { Pool: typeof Pool };
  export default pg;
}
