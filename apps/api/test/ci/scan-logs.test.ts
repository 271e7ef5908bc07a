/**
 * The log scan CI runs after the suites (scripts/scan-logs.mjs): it must find a personal value
 * planted in a log, whichever source wrote it (the API tests' person, the browser tests' people,
 * the demo's users), and report the line without repeating the value.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, PERSON } from '../helpers/situations';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../../../scripts/scan-logs.mjs');

const clean = JSON.stringify({
  level: 30,
  route: '/api/situations/:id',
  status: 200,
  msg: 'request',
});

async function scan(file: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, file]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the log scan', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-scan-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const logWith = async (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    await writeFile(file, lines.join('\n') + '\n');
    return file;
  };

  it('passes a log with no personal value', async () => {
    const result = await scan(await logWith('clean.log', [clean, clean]));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 lines scanned');
  });

  it('refuses an empty log: it proves nothing', async () => {
    expect((await scan(await logWith('empty.log', []))).code).toBe(1);
  });

  it.each([
    ['the API tests’ person', PERSON.familyName, 'name'],
    ['their date of birth', PERSON.dateOfBirth, 'date of birth'],
    ['their address', ADDRESS, 'address'],
    ['a browser test’s person (e2e/tests/code-lists)', 'Thistlewood', 'name'],
    ['a demo user’s name (db/demo-data)', 'Morgan Mentalhealth', 'name'],
    ['a demo user’s email address', 'police@riverside.demo', 'email address'],
    ['a phone number typed into a test’s free text', '613-555-0199', 'phone number'],
  ])('finds %s, naming the line and the kind, never the value', async (_, value, kind) => {
    const planted = JSON.stringify({ level: 30, msg: 'request', detail: `about ${value}` });
    const file = await logWith('planted.log', [clean, planted, clean]);
    const result = await scan(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:2: ${kind}`);
    expect(result.stderr + result.stdout).not.toContain(value);
    expect(result.stdout).toContain('1 leaking');
  });
});
