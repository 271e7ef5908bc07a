/**
 * One process per embedded data directory: PGlite is a single-process database and two writers
 * would corrupt it. proper-lockfile keeps a lock directory fresh while we run; a crashed process's
 * lock goes stale after a few seconds and is then taken over.
 */
import path from 'node:path';
import lockfile from 'proper-lockfile';

type Logger = { error(obj: object, msg: string): void };

export class DataDirInUseError extends Error {
  constructor(dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Fourfold process. ` +
        'Stop that process, or set DATA_DIR to another folder.',
    );
    this.name = 'DataDirInUseError';
  }
}

export async function lockDataDir(dataDir: string, log: Logger): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'fourfold.lock'),
      stale: 10_000,
      update: 2_500,
      retries: 0,
      realpath: false,
      onCompromised: (error) =>
        log.error({ err: { type: error.name } }, 'lost the lock on the data directory'),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
    throw error;
  }
}
