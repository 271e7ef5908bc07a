import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSecrets } from '../../src/lib/app-secrets';
import { testConfig } from '../helpers/test-app';

describe('resolveSecrets', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const dataDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fourfold-secrets-'));
    dirs.push(dir);
    return dir;
  };

  it('generates a 32-byte REPEAT_KEY into DATA_DIR once, and keeps it across starts', async () => {
    const dir = await dataDir();
    const first = await resolveSecrets(testConfig({ DATA_DIR: dir }));
    expect(first.repeatKey).toHaveLength(32);
    const second = await resolveSecrets(testConfig({ DATA_DIR: dir }));
    expect(second.repeatKey.equals(first.repeatKey)).toBe(true);
    const stored = JSON.parse(await readFile(path.join(dir, 'secrets.json'), 'utf8'));
    expect(Buffer.from(stored.repeatKey, 'base64').equals(first.repeatKey)).toBe(true);
  });

  it('adds the key to a secrets file written before repeats existed, keeping the others', async () => {
    const dir = await dataDir();
    const earlier = {
      authTokenSecret: 'x'.repeat(48),
      identityKey: `local1:${Buffer.alloc(32, 4).toString('base64')}`,
    };
    await writeFile(path.join(dir, 'secrets.json'), JSON.stringify(earlier));
    const secrets = await resolveSecrets(testConfig({ DATA_DIR: dir }));
    expect(secrets.tokenSecret).toBe(earlier.authTokenSecret);
    expect(secrets.repeatKey).toHaveLength(32);
    const stored = JSON.parse(await readFile(path.join(dir, 'secrets.json'), 'utf8'));
    expect(stored).toMatchObject(earlier);
  });

  it('uses the configured REPEAT_KEY when given', async () => {
    const key = Buffer.alloc(40, 6);
    const secrets = await resolveSecrets(
      testConfig({ DATA_DIR: await dataDir(), REPEAT_KEY: key.toString('base64') }),
    );
    expect(secrets.repeatKey.equals(key)).toBe(true);
  });
});
