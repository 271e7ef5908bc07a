// `pnpm check:bundle` run as CI runs it, on a small build written here: a manifest and files of
// known sizes. Random bytes do not compress, so each file's gzip size is close to its length.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/check-bundle.mjs', import.meta.url));
const run = promisify(execFile);
const BUDGET = 50_000;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A build whose entry statically imports `shared` and lazily imports `page`, sizes in bytes. */
async function buildWith(sizes: { entry: number; shared: number; page: number; css: number }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-check-bundle-'));
  dirs.push(dir);
  await mkdir(path.join(dir, '.vite'), { recursive: true });
  await mkdir(path.join(dir, 'assets'));
  const manifest = {
    'index.html': {
      file: 'assets/index.js',
      isEntry: true,
      imports: ['_shared.js'],
      dynamicImports: ['src/page.tsx'],
      css: ['assets/index.css'],
    },
    '_shared.js': { file: 'assets/shared.js' },
    'src/page.tsx': { file: 'assets/page.js', isDynamicEntry: true, imports: ['_shared.js'] },
  };
  await writeFile(path.join(dir, '.vite/manifest.json'), JSON.stringify(manifest));
  const files = { 'index.js': sizes.entry, 'shared.js': sizes.shared, 'page.js': sizes.page };
  for (const [name, size] of Object.entries(files)) {
    await writeFile(path.join(dir, 'assets', name), randomBytes(size));
  }
  await writeFile(path.join(dir, 'assets/index.css'), randomBytes(sizes.css));
  return dir;
}

async function check(dir: string) {
  try {
    const { stdout } = await run(process.execPath, [script, dir, String(BUDGET)]);
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('pnpm check:bundle', () => {
  it('passes a first download within budget, whatever the lazy pages weigh', async () => {
    const dir = await buildWith({ entry: 20_000, shared: 20_000, page: 200_000, css: 5_000 });
    const { code, stdout } = await check(dir);
    expect(code).toBe(0);
    expect(stdout).toContain('assets/index.js');
    expect(stdout).toContain('assets/shared.js');
    expect(stdout).toContain('assets/index.css');
    // Loaded when its page opens: not part of the first download.
    expect(stdout).not.toContain('assets/page.js');
    expect(stdout).toContain('Within budget.');
  });

  it('fails above the budget and names every file of the first download', async () => {
    const dir = await buildWith({ entry: 20_000, shared: 40_000, page: 1_000, css: 5_000 });
    const { code, stdout } = await check(dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Over budget by 1\d\.\d KB/);
    expect(stdout).toContain('assets/index.js');
    expect(stdout).toContain('assets/shared.js');
  });

  it('counts CSS apart from the JavaScript budget', async () => {
    const dir = await buildWith({ entry: 20_000, shared: 20_000, page: 1_000, css: 30_000 });
    const { code, stdout } = await check(dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/30\.\d KB {2}CSS/);
  });
});
