/**
 * One way of timing anything the bench compares (an API request, a query through pg): a closed
 * loop of `concurrency` workers, each starting its next call when the last one ended, after a
 * warm-up, until a duration has passed and at least a minimum number of calls were made (or a
 * maximum reached, or three times the duration passed). Timing the API and its SQL baselines by the same loop is what makes their
 * ratio mean something.
 */
import { performance } from 'node:perf_hooks';

export type LoadOptions = {
  concurrency: number;
  /** Calls made and thrown away first (JIT, plan cache, shared buffers). */
  warmup: number;
  durationMs: number;
  minCalls: number;
  maxCalls: number;
};

export type LoadResult = {
  /** Calls that succeeded; their latencies are the figures. */
  calls: number;
  /** Calls that threw (an HTTP error status, a statement timeout): counted, not timed. */
  failures: number;
  /** The first failure's message, to say what went wrong. */
  firstFailure: string | undefined;
  concurrency: number;
  elapsedMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  perSecond: number;
};

export async function measure(
  call: () => Promise<unknown>,
  options: LoadOptions,
): Promise<LoadResult> {
  // A slow call (seconds) must not stretch the run without end: the warm-up stops after half the
  // duration, and the minimum number of calls gives way after three times the duration.
  const warmupUntil = performance.now() + options.durationMs / 2;
  for (let i = 0; i < options.warmup && performance.now() < warmupUntil; i++) {
    await call().catch(() => undefined);
  }
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + options.durationMs;
  const hardDeadline = started + 3 * options.durationMs;
  let issued = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const more = () => {
    const now = performance.now();
    return (
      issued < options.maxCalls &&
      (now < deadline || (issued < options.minCalls && now < hardDeadline))
    );
  };
  const worker = async () => {
    while (more()) {
      issued += 1;
      const t0 = performance.now();
      try {
        await call();
        latencies.push(performance.now() - t0);
      } catch (error) {
        failures += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    calls: latencies.length,
    failures,
    firstFailure,
    concurrency: options.concurrency,
    elapsedMs,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    mean: latencies.reduce((sum, x) => sum + x, 0) / latencies.length,
    perSecond: (latencies.length / elapsedMs) * 1000,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}
