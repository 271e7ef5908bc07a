import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock';
import { silentLog } from '../helpers/test-env';

const here = path.dirname(fileURLToPath(import.meta.url));
const apiDir = path.resolve(here, '../..');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-lock-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Another process holding the lock on `dir`, as a running Fourfold would. */
async function holdInChild(dir: string): Promise<ChildProcess> {
  // node itself (tsx as a loader, not tsx's CLI, which would run a grandchild).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'hold-data-dir-lock.ts'), dir],
    { cwd: apiDir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
  let output = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => (output += chunk));
  const deadline = Date.now() + 20_000;
  while (!output.includes('locked')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('child did not lock');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

describe('embedded data directory lock', () => {
  it('refuses a second holder with a clear message, and frees the directory on release', async () => {
    const dir = await tempDir();
    const release = await lockDataDir(dir, silentLog);
    const second = lockDataDir(dir, silentLog);
    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(lockDataDir(dir, silentLog)).rejects.toThrow(/in use by another Fourfold process/);
    await release();
    const again = await lockDataDir(dir, silentLog);
    await again();
  });

  it('refuses while another process holds it, and takes over at once when that process is killed', async () => {
    const dir = await tempDir();
    const child = await holdInChild(dir);
    await expect(lockDataDir(dir, silentLog)).rejects.toBeInstanceOf(DataDirInUseError);
    child.kill('SIGKILL');
    await once(child, 'exit');
    // No waiting for the lock to age: the holder is recognised as gone.
    const started = Date.now();
    const release = await lockDataDir(dir, silentLog);
    expect(Date.now() - started).toBeLessThan(1000);
    const holder = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8'));
    expect(holder.pid).toBe(process.pid);
    await release();
  });

  it('takes over a lock whose process id now belongs to another program', async () => {
    const dir = await tempDir();
    // This test's own process id, but another start time: the pid was reused after a crash.
    const file = path.join(dir, LOCK_FILE);
    const mine = await lockDataDir(dir, silentLog);
    const holder = JSON.parse(await readFile(file, 'utf8'));
    await mine();
    await writeFile(file, JSON.stringify({ ...holder, startTime: '1', token: 'crashed' }));
    const release = await lockDataDir(dir, silentLog);
    await release();
  });

  it('takes over an empty lock file left by a crash while it was written, but not a fresh one', async () => {
    const dir = await tempDir();
    const file = path.join(dir, LOCK_FILE);
    await writeFile(file, '');
    await expect(lockDataDir(dir, silentLog)).rejects.toBeInstanceOf(DataDirInUseError);
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    const release = await lockDataDir(dir, silentLog);
    await release();
  });

  it('takes over the lock directory an earlier version left behind once it has aged, not before', async () => {
    const dir = await tempDir();
    const legacy = path.join(dir, LOCK_FILE);
    await mkdir(legacy);
    await expect(lockDataDir(dir, silentLog)).rejects.toBeInstanceOf(DataDirInUseError);
    const old = new Date(Date.now() - 60_000);
    await utimes(legacy, old, old);
    const release = await lockDataDir(dir, silentLog);
    await release();
  });
});
