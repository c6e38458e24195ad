/** Returned by acquire(); calling it more than once is harmless. */
export type Release = () => void;

export class AbortedError extends Error {
  override readonly name = 'AbortedError';
  constructor() {
    super('aborted while waiting for a slot');
  }
}

/** A counting semaphore: at most `limit` holders; waiters are served first come, first served. */
export class Semaphore {
  private active = 0;
  private readonly waiters: { grant: () => void; reject: (error: Error) => void }[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  get inUse(): number {
    return this.active;
  }

  get idle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }

  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.active += 1;
          resolve(this.releaser());
        },
        reject,
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiters.shift()?.grant();
    };
  }
}

/** One semaphore per key (per host): at most `limit` holders for each key. */
export class KeyedLimiter {
  private readonly semaphores = new Map<string, Semaphore>();

  constructor(readonly limit: number) {}

  async acquire(key: string, signal?: AbortSignal): Promise<Release> {
    let semaphore = this.semaphores.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit);
      this.semaphores.set(key, semaphore);
    }
    const release = await semaphore.acquire(signal);
    const held = semaphore;
    return () => {
      release();
      // Forget idle hosts so a long-running worker does not keep one entry per host ever seen.
      if (held.idle && this.semaphores.get(key) === held) this.semaphores.delete(key);
    };
  }

  inUse(key: string): number {
    return this.semaphores.get(key)?.inUse ?? 0;
  }
}
