/**
 * One process per embedded data directory: PGlite is a single-process database and two writers
 * would corrupt it. The lock is a file, DATA_DIR/fourfold.lock, created exclusively and naming its
 * holder: host, process id, and on Linux the boot id and the process's start time (so a process
 * id reused by another program, or a reboot, is not mistaken for the holder). A lock whose holder
 * is no longer running, as after a crash or SIGKILL, is recognised at once and taken over; a
 * running holder is always refused. The folder must be local: a holder on another host cannot be
 * checked, so its lock is respected until its file is removed.
 */
import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

type Logger = { warn(obj: object, msg: string): void };

export class DataDirInUseError extends Error {
  constructor(dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Fourfold process. ` +
        'Stop that process, or set DATA_DIR to another folder.',
    );
    this.name = 'DataDirInUseError';
  }
}

export const LOCK_FILE = 'fourfold.lock';

/** Who holds the lock, as written in the lock file. */
export type LockHolder = {
  pid: number;
  hostname: string;
  /** Linux: /proc/sys/kernel/random/boot_id; null elsewhere. */
  bootId: string | null;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat); else null. */
  startTime: string | null;
  /** Unique to this acquisition, so a release removes only its own lock. */
  token: string;
};

/** proper-lockfile's staleness (earlier versions): its holder refreshed the mtime every 2.5 s. */
const LEGACY_LOCK_STALE_MS = 10_000;

/** An empty lock file younger than this is taken to be one being written right now. */
const FRESH_EMPTY_LOCK_MS = 5_000;

export async function lockDataDir(dataDir: string, log: Logger): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    bootId: await bootId(),
    startTime: await processStartTime(process.pid),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await createExclusively(file, JSON.stringify(me))) return () => release(file, me.token);
    const info = await stat(file).catch(() => null);
    if (info === null) continue; // Removed meanwhile: try again.
    if (info.isDirectory()) {
      // The lock of Fourfold versions that used proper-lockfile: a directory whose mtime its
      // holder refreshed every few seconds. Stale once it stopped being refreshed.
      if (Date.now() - info.mtimeMs < LEGACY_LOCK_STALE_MS) throw new DataDirInUseError(dataDir);
      await rm(file, { recursive: true, force: true });
      continue;
    }
    const seen = await readFile(file, 'utf8').catch(() => null);
    if (seen === null) continue;
    if (!(await isStale(file, seen))) throw new DataDirInUseError(dataDir);
    if (!(await removeStale(file, seen))) throw new DataDirInUseError(dataDir);
    log.warn({ holderPid: parseHolder(seen)?.pid }, 'took over the lock of a stopped process');
  }
  throw new DataDirInUseError(dataDir);
}

async function createExclusively(file: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function release(file: string, token: string): Promise<void> {
  const content = await readFile(file, 'utf8').catch(() => null);
  if (content !== null && parseHolder(content)?.token === token) await unlink(file);
}

function parseHolder(content: string): LockHolder | null {
  try {
    const value = JSON.parse(content) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return null;
    return {
      pid: value.pid,
      hostname: value.hostname,
      bootId: value.bootId ?? null,
      startTime: value.startTime ?? null,
      token: value.token ?? '',
    };
  } catch {
    return null;
  }
}

async function isStale(file: string, content: string): Promise<boolean> {
  const holder = parseHolder(content);
  if (!holder) {
    // A holder that crashed between creating and writing the file, or a file from elsewhere.
    const age = await stat(file).then(
      (info) => Date.now() - info.mtimeMs,
      () => Infinity,
    );
    return age > FRESH_EMPTY_LOCK_MS;
  }
  return !(await isRunning(holder));
}

/** Whether the process that wrote the lock still runs (true when it cannot be told). */
export async function isRunning(holder: LockHolder): Promise<boolean> {
  if (holder.hostname !== os.hostname()) return true;
  const currentBoot = await bootId();
  if (holder.bootId && currentBoot && holder.bootId !== currentBoot) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (holder.startTime) {
    const startTime = await processStartTime(holder.pid);
    if (startTime !== null && startTime !== holder.startTime) return false; // The pid was reused.
  }
  return true;
}

/**
 * Removes the stale lock only if it is still the one judged stale: it is renamed aside first and
 * read back, and a lock another process took meanwhile is put back where it was.
 */
async function removeStale(file: string, seen: string): Promise<boolean> {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== seen) {
    await link(aside, file).catch(() => undefined);
    await unlink(aside);
    return false;
  }
  await unlink(aside);
  return true;
}

async function bootId(): Promise<string | null> {
  return readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (text) => text.trim(),
    () => null,
  );
}

/** Field 22 of /proc/<pid>/stat (start time after boot); null where /proc is not available. */
async function processStartTime(pid: number): Promise<string | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}
