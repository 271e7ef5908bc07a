/**
 * The web suite of `pnpm bench`: what a browser downloads first and how the pages score (#12,
 * points 4 and 5). Against the built app (`pnpm build` first), started as production runs it in
 * embedded mode, with the demo data, on an ephemeral port and a temporary data directory:
 *
 * - the first download: the entry and its static imports from the build's manifest, in gzip and
 *   brotli bytes (the .gz and .br files the build wrote, which the server sends as they are);
 * - Lighthouse 13, mobile profile (its default: a mid-range phone, simulated slow 4G), in Debian's
 *   Chromium, on the sign-in page, a representative's home and one of their situations. A
 *   signed-in page is opened as the app reopens one: the browser holds a refresh cookie from a
 *   sign-in through the API (a new one for each run: they rotate), and the app restores the
 *   session from it on load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as Lantern from 'lighthouse/core/lib/lantern/lantern.js';
import { inheritedEnvironment } from '../lib/environment';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const webDist = path.join(repoRoot, 'apps/web/dist');
const serverScript = path.join(repoRoot, 'apps/api/dist/server.js');
const CHROMIUM = inheritedEnvironment().CHROME_PATH ?? '/usr/bin/chromium';
const DEMO_PASSWORD = 'fourfold-demo-2026';
const REPRESENTATIVE = 'police@riverside.demo';

export type FirstDownload = {
  files: { file: string; gzipBytes: number; brotliBytes: number }[];
  jsGzipBytes: number;
  jsBrotliBytes: number;
  cssGzipBytes: number;
};

export type PageScore = {
  page: string;
  path: string;
  performance: number;
  accessibility: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
  /** Bytes the page transferred, all resources, as Lighthouse counted them. */
  transferBytes: number;
  lcpPath: LcpPath;
};

/**
 * Where Lighthouse's simulated LCP goes, read from its optimistic simulation (Lantern), one of the
 * two its LCP estimate averages: when, on the simulated phone (150 ms round trips, 1.6 Mbit/s, CPU
 * × 4), the page's HTML, its last script and its last API answer had arrived, how much main-thread
 * work and how many bytes the simulation held, and when it ended (the optimistic LCP).
 */
export type LcpPath = {
  documentMs: number;
  scriptsMs: number;
  /** Undefined when the page asked the API for nothing before its LCP. */
  apiMs: number | undefined;
  cpuMs: number;
  bytes: number;
  endMs: number;
};

type SimulatedNode = {
  type: string;
  isMainDocument(): boolean;
  request?: { url: string; resourceType?: string; transferSize: number };
};

/** The LcpPath of the Lighthouse run that just ended (its simulations are kept by label). */
function lcpPathOfLastRun(): LcpPath {
  const timings = (
    Lantern.Simulation.Simulator.allNodeTimings as Map<
      string,
      Map<SimulatedNode, { startTime: number; endTime: number }>
    >
  ).get('optimisticLargestContentfulPaint');
  if (!timings) throw new Error('Lighthouse kept no LCP simulation');
  const path: LcpPath = {
    documentMs: 0,
    scriptsMs: 0,
    apiMs: undefined,
    cpuMs: 0,
    bytes: 0,
    endMs: 0,
  };
  for (const [node, { startTime, endTime }] of timings) {
    path.endMs = Math.max(path.endMs, endTime);
    if (node.type === 'cpu') {
      path.cpuMs += endTime - startTime;
      continue;
    }
    const request = node.request;
    if (!request) continue;
    path.bytes += request.transferSize;
    if (node.isMainDocument()) path.documentMs = endTime;
    else if (new URL(request.url).pathname.startsWith('/api/')) {
      path.apiMs = Math.max(path.apiMs ?? 0, endTime);
    } else if (request.resourceType === 'Script')
      path.scriptsMs = Math.max(path.scriptsMs, endTime);
  }
  return path;
}

export type WebResult = { firstDownload: FirstDownload; pages: PageScore[] };

/** A run of the suite with what it ran on, for the report (bench/render-web.ts). */
export type WebRun = {
  date: string;
  machine: string;
  browser: string;
  lighthouse: string;
  loadAverageStart: number[];
  loadAverageEnd: number[];
  result: WebResult;
};

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; css?: string[] };

/** The entry and its static imports, with the sizes of the compressed copies the build wrote. */
export function measureFirstDownload(distDir = webDist): FirstDownload {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('the build manifest has no entry');
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.push(chunk.file, ...(chunk.css ?? []));
    chunk.imports?.forEach(visit);
  };
  visit(entry);
  // A file under the build's 1 KB threshold has no compressed copy: it travels as it is.
  const size = (file: string, suffix: string) => {
    const compressed = path.join(distDir, file + suffix);
    return statSync(existsSync(compressed) ? compressed : path.join(distDir, file)).size;
  };
  const measured = [...new Set(files)].map((file) => ({
    file,
    gzipBytes: size(file, '.gz'),
    brotliBytes: size(file, '.br'),
  }));
  const sum = (extension: string, key: 'gzipBytes' | 'brotliBytes') =>
    measured.filter((f) => f.file.endsWith(extension)).reduce((total, f) => total + f[key], 0);
  return {
    files: measured,
    jsGzipBytes: sum('.js', 'gzipBytes'),
    jsBrotliBytes: sum('.js', 'brotliBytes'),
    cssGzipBytes: sum('.css', 'gzipBytes'),
  };
}

function lighthouseVersion(): string {
  const manifest = path.join(repoRoot, 'node_modules/lighthouse/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The built app, embedded database and demo data, as the browser tests start it. */
export async function startBuiltApp(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  for (const file of [serverScript, path.join(webDist, 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` first`);
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-bench-web-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _database, SMTP_URL: _smtp, ...environment } = inheritedEnvironment();
  const child = spawn(process.execPath, [serverScript], {
    cwd: repoRoot,
    env: {
      ...environment,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      WEB_DIST_DIR: webDist,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stopAll = async () => {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => (await fetch(`${baseUrl}/api/health/ready`)).status === 200,
      'the built app',
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { baseUrl, stop: stopAll };
}

/** Signs in through the API: the refresh cookie (to restore a session) and an access token. */
export async function signIn(baseUrl: string, email: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('ff_refresh='));
  if (!cookie) throw new Error('sign-in set no refresh cookie');
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { cookie, accessToken };
}

/** A situation the representative may open: the first one listed at their first table. */
export async function situationOf(baseUrl: string, email: string): Promise<string> {
  const { accessToken } = await signIn(baseUrl, email);
  const get = async <T>(url: string) => {
    const response = await fetch(`${baseUrl}/api${url}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    return (await response.json()) as T;
  };
  const me = await get<{ memberships: { table: { id: string } }[] }>('/me');
  for (const { table } of me.memberships) {
    const list = await get<{ items: { id: string }[] }>(`/tables/${table.id}/situations`);
    if (list.items[0]) return list.items[0].id;
  }
  throw new Error(`${email} sees no situation`);
}

export async function startChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'fourfold-bench-chromium-'));
  const child = spawn(
    CHROMIUM,
    [
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${port}/json/version`)).ok,
    'Chromium',
    30_000,
  );
  return {
    port,
    async stop() {
      await stop(child);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One Lighthouse run, mobile profile, performance and accessibility. `cookie` signs in and gives a
 * refresh cookie, for a page opened as a browser that signed in before opens it.
 */
async function score(
  chromePort: number,
  page: string,
  url: string,
  cookie: (() => Promise<string>) | undefined,
  attempt = 1,
): Promise<PageScore> {
  // A new refresh cookie for each attempt: the app's session restore rotates the one it uses.
  const cookieHeader = cookie ? await cookie() : undefined;
  const result = await lighthouse(url, {
    port: chromePort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    // The refresh cookie, as a browser that signed in before holds it.
    ...(cookieHeader ? { extraHeaders: { cookie: cookieHeader } } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits } = result.lhr;
  const numeric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  const runtimeError = result.lhr.runtimeError;
  // Lighthouse now and then loses the page's navigation in its own trace (NO_NAVSTART, NO_FCP):
  // a fault of the measurement, not of the page, so the run is taken again, at most twice.
  if (runtimeError && attempt < 3 && /^NO_(NAVSTART|FCP|LCP)$/.test(runtimeError.code)) {
    return score(chromePort, page, url, cookie, attempt + 1);
  }
  if (runtimeError) throw new Error(`Lighthouse on ${url}: ${runtimeError.message}`);
  return {
    page,
    path: new URL(url).pathname,
    performance: categories.performance?.score ?? Number.NaN,
    accessibility: categories.accessibility?.score ?? Number.NaN,
    lcpMs: numeric('largest-contentful-paint'),
    fcpMs: numeric('first-contentful-paint'),
    tbtMs: numeric('total-blocking-time'),
    cls: numeric('cumulative-layout-shift'),
    transferBytes: numeric('total-byte-weight'),
    lcpPath: lcpPathOfLastRun(),
  };
}

export async function runWebSuite(): Promise<WebRun> {
  const date = new Date().toISOString();
  const loadAverageStart = os.loadavg();
  const firstDownload = measureFirstDownload();
  const app = await startBuiltApp();
  try {
    const situationId = await situationOf(app.baseUrl, REPRESENTATIVE);
    const chromium = await startChromium();
    try {
      const version = (await (
        await fetch(`http://127.0.0.1:${chromium.port}/json/version`)
      ).json()) as { Browser: string };
      const pages: PageScore[] = [];
      pages.push(await score(chromium.port, 'Sign-in', `${app.baseUrl}/sign-in`, undefined));
      const signedIn = async () => (await signIn(app.baseUrl, REPRESENTATIVE)).cookie;
      pages.push(await score(chromium.port, 'Home (representative)', `${app.baseUrl}/`, signedIn));
      pages.push(
        await score(
          chromium.port,
          'Situation (representative)',
          `${app.baseUrl}/situations/${situationId}`,
          signedIn,
        ),
      );
      const cpus = os.cpus();
      return {
        date,
        machine: `${cpus[0]?.model.trim() ?? 'unknown CPU'} (${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}), Node ${process.version}`,
        browser: version.Browser.replace('/', ' '),
        lighthouse: lighthouseVersion(),
        loadAverageStart,
        loadAverageEnd: os.loadavg(),
        result: { firstDownload, pages },
      };
    } finally {
      await chromium.stop();
    }
  } finally {
    await app.stop();
  }
}
