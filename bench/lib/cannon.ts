/**
 * HTTP load with autocannon (its programmatic API): a fixed number of connections, each sending
 * its next request when the last answered, for a duration, after a short warm-up that is thrown
 * away. The API and its bare baseline are measured by the same function with the same options,
 * one after the other in the same run, which is what makes their ratio mean something.
 */
import autocannon from 'autocannon';

export type CannonResult = {
  /** Answered requests (any status) per second over the measured duration. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers outside 2xx and connection errors: a figure with any of these is not comparable. */
  non2xx: number;
  errors: number;
  /** Answers by status code, to say what the failures were. */
  statuses: Record<string, number>;
};

export type CannonOptions = {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
};

type Target = Pick<
  autocannon.Options,
  'url' | 'method' | 'headers' | 'body' | 'setupClient' | 'requests'
> & {
  /**
   * Called before the warm-up and before the measured run: a run stops with requests in flight
   * whose answers are never read, so state the requests carry (an ETag) is fetched afresh.
   */
  before?: () => Promise<void>;
};

async function run(
  { before, ...target }: Target,
  connections: number,
  duration: number,
): Promise<autocannon.Result> {
  await before?.();
  return new Promise((resolve, reject) => {
    autocannon({ ...target, connections, duration }, (error, result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
  });
}

export async function cannon(target: Target, options: CannonOptions): Promise<CannonResult> {
  if (options.warmupSeconds > 0) await run(target, options.connections, options.warmupSeconds);
  const result = await run(target, options.connections, options.durationSeconds);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
    ),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Several rounds of the same load as one result: the median round's requests a second, p50 and
 * p99 (each its own median), and every round's requests, failures and statuses added up, so that
 * a failure in any round still shows.
 */
export function medianOfRounds(rounds: CannonResult[]): CannonResult {
  const statuses: Record<string, number> = {};
  for (const round of rounds) {
    for (const [code, count] of Object.entries(round.statuses)) {
      statuses[code] = (statuses[code] ?? 0) + count;
    }
  }
  const sum = (pick: (round: CannonResult) => number) =>
    rounds.reduce((total, round) => total + pick(round), 0);
  return {
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    requests: sum((round) => round.requests),
    non2xx: sum((round) => round.non2xx),
    errors: sum((round) => round.errors),
    statuses,
  };
}
