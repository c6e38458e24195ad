import { setMaxListeners } from 'node:events';
import cron from 'node-cron';
import type { Logger } from '../domain/logger.js';
import type { PollCycleReport } from './poll-report.js';

/** What a tick hands the poll cycle: shutdown signal and the shared in-flight set. */
export interface CycleContext {
  signal: AbortSignal;
  inFlight: Set<string>;
}

export interface CronHandle {
  stop(): void;
}

export interface SchedulerDeps {
  /** Usually `(ctx) => runPollCycle(deps, { ...options, ...ctx })`. */
  runCycle: (context: CycleContext) => Promise<PollCycleReport>;
  logger: Logger;
  /** node-cron by default; tests drive ticks themselves. */
  schedule?: (expression: string, onTick: () => void) => CronHandle;
  onReport?: (report: PollCycleReport) => void;
  /** Periodic upkeep between polls, e.g. `seenItems.sweepExpired()`; never runs twice at once. */
  housekeeping?: () => Promise<void>;
  clock?: () => Date;
}

export interface SchedulerOptions {
  /** When ticks happen (node-cron syntax, seconds field allowed); feeds poll on their own intervals. */
  cron: string;
  /** How often housekeeping runs (ms); the first run is on the first tick. */
  housekeepingEveryMs?: number;
}

export const schedulerDefaults = {
  cron: '*/30 * * * * *', // every 30 s
  housekeepingEveryMs: 24 * 60 * 60_000, // daily
} as const satisfies SchedulerOptions;

export interface StopOptions {
  /** How long in-flight polls may take to finish before they are aborted (ms). */
  deadlineMs: number;
  /** After aborting, how long to wait for polls to notice before giving up on them (ms). */
  graceMs?: number;
}

export interface StopResult {
  /** True when every poll finished (or noticed the abort) in time. */
  finished: boolean;
  /** True when the deadline passed and in-flight polls were aborted. */
  aborted: boolean;
}

export interface Scheduler {
  start(): void;
  /** One tick: polls whatever is due and not already being polled. */
  tick(): Promise<PollCycleReport | null>;
  stop(options: StopOptions): Promise<StopResult>;
  /** Cycles (and housekeeping) running now; ticks overlap when a poll outlasts the tick period. */
  readonly activeCycles: number;
}

function defaultSchedule(expression: string, onTick: () => void): CronHandle {
  const task = cron.schedule(expression, onTick, { name: 'sitrep-poll' });
  return { stop: () => void task.stop() };
}

const sleep = (ms: number): Promise<'timeout'> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref?.();
  });

/**
 * Cron only triggers ticks; each tick runs a poll cycle over the due feeds. Ticks may
 * overlap (a slow feed must not hold the others up) but a feed is never polled twice
 * at once: cycles share one in-flight set.
 */
export function createScheduler(deps: SchedulerDeps, options: SchedulerOptions): Scheduler {
  if (!cron.validate(options.cron)) {
    throw new Error(`scheduler: "${options.cron}" is not a valid cron expression (e.g. "*/30 * * * * *")`);
  }
  const schedule = deps.schedule ?? defaultSchedule;
  const logger = deps.logger.child({ component: 'scheduler' });
  const controller = new AbortController();
  // Every in-flight fetch and limiter wait listens for shutdown: one listener per feed, not a leak.
  setMaxListeners(0, controller.signal);
  const inFlight = new Set<string>();
  const active = new Set<Promise<unknown>>();
  let handle: CronHandle | null = null;
  let stopping = false;
  const clock = deps.clock ?? (() => new Date());
  const housekeepingEveryMs = options.housekeepingEveryMs ?? schedulerDefaults.housekeepingEveryMs;
  let housekeepingDueAt = Number.NEGATIVE_INFINITY;
  let housekeepingRunning: Promise<void> | null = null;

  const maybeHousekeep = (): void => {
    const now = clock().getTime();
    if (!deps.housekeeping || housekeepingRunning || now < housekeepingDueAt) return;
    housekeepingDueAt = now + housekeepingEveryMs;
    const run = deps.housekeeping()
      .catch((error: unknown) => logger.error('housekeeping failed', { error }))
      .finally(() => {
        active.delete(run);
        housekeepingRunning = null;
      });
    housekeepingRunning = run;
    active.add(run);
  };

  const tick = async (): Promise<PollCycleReport | null> => {
    if (stopping) return null;
    maybeHousekeep();
    const cycle = deps.runCycle({ signal: controller.signal, inFlight });
    active.add(cycle);
    try {
      const report = await cycle;
      // Quiet ticks (nothing due) are debug noise; ticks that fetched are worth a line.
      logger[report.requests > 0 ? 'info' : 'debug']('poll cycle done', {
        feeds: report.feeds.length,
        requests: report.requests,
        newItems: report.newItems,
        failed: report.feeds.filter((feed) => feed.status === 'failed').length,
        elapsedMs: report.elapsedMs,
      });
      deps.onReport?.(report);
      return report;
    } catch (error) {
      logger.error('poll cycle failed', { error });
      return null;
    } finally {
      active.delete(cycle);
    }
  };

  return {
    start() {
      if (handle || stopping) return;
      handle = schedule(options.cron, () => void tick());
      logger.info('scheduler started', { cron: options.cron });
    },
    tick,
    async stop({ deadlineMs, graceMs = 1_000 }) {
      stopping = true;
      handle?.stop();
      handle = null;
      const settled = (): Promise<'done'> => Promise.allSettled([...active]).then(() => 'done' as const);
      if (active.size === 0) return { finished: true, aborted: false };
      if ((await Promise.race([settled(), sleep(deadlineMs)])) === 'done') return { finished: true, aborted: false };
      logger.warn('shutdown deadline passed; aborting in-flight polls', { feeds: [...inFlight] });
      controller.abort();
      const finished = (await Promise.race([settled(), sleep(graceMs)])) === 'done';
      if (!finished) logger.warn('in-flight polls ignored the abort; leaving them behind', { feeds: [...inFlight] });
      return { finished, aborted: true };
    },
    get activeCycles() {
      return active.size;
    },
  };
}
