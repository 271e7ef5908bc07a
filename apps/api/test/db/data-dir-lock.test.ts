import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../src/db/data-dir-lock';
import { silentLog } from '../helpers/test-env';

describe('embedded data directory lock', () => {
  it('refuses a second holder with a clear message, and frees the directory on release', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-lock-'));
    const release = await lockDataDir(dir, silentLog);
    const second = lockDataDir(dir, silentLog);
    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(lockDataDir(dir, silentLog)).rejects.toThrow(/in use by another Fourfold process/);
    await release();
    const again = await lockDataDir(dir, silentLog);
    await again();
    await rm(dir, { recursive: true, force: true });
  });
});
