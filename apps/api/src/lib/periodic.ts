/**
 * One way to run housekeeping in every API process: now, then every `intervalMs` until stopped.
 * Runs never overlap (each waits for the one before), the timer does not keep the process alive,
 * and `stop` waits for a run in progress so the database can be closed after it. A failed run is
 * logged by its error's class only (a driver's message can quote values) and the next one tries
 * again. Jobs must be safe when several processes run them at once.
 */
export type PeriodicLog = {
  info: (object: object, message: string) => void;
  error: (object: object, message: string) => void;
};

export type Periodic = {
  /** The run in progress (or the last one), for tests and shutdown. */
  settled(): Promise<void>;
  stop(): Promise<void>;
};

export function schedulePeriodic({
  name,
  intervalMs,
  log,
  run,
}: {
  /** Names the job in log lines, e.g. 'identity retention purge'. */
  name: string;
  intervalMs: number;
  log: PeriodicLog;
  /** One run; what it returns, when not undefined, is logged as the run's result. */
  run: () => Promise<object | undefined>;
}): Periodic {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = running.then(async () => {
      try {
        const result = await run();
        if (result) log.info(result, name);
      } catch (error) {
        log.error(
          { err: { type: error instanceof Error ? error.name : 'unknown' } },
          `${name} failed`,
        );
      }
    });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    settled: () => running,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
