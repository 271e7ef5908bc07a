/**
 * The bench's own environment, handed on to the processes it starts (PATH, HOME…). The app reads
 * its configuration only through config.ts; the bench, like scripts/ and the tests, is a harness
 * around it, and this is its one reader of process.env.
 */
export function inheritedEnvironment(): Record<string, string | undefined> {
  // eslint-disable-next-line no-restricted-syntax -- the harness's own environment, see above
  return { ...process.env };
}
