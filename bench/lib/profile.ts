/**
 * `--profile`: V8 CPU profiles (node --cpu-prof) of the generator and the API child, summarised as
 * the functions with the most self time, grouped by where they live (our code, a dependency,
 * Node itself), and the share of time the process sat idle (waiting on PostgreSQL or the client).
 */
import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export async function profileDirectory(name: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `fourfold-bench-${name}-`));
}

type CpuProfile = {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
};

export type ProfileSummary = {
  file: string;
  totalMs: number;
  idleMs: number;
  gcMs: number;
  byPlace: { place: string; ms: number }[];
  top: { fn: string; ms: number }[];
};

/** Where a script URL lives: `app: modules/statistics`, `dep: pg`, `node: internal`. */
function placeOf(url: string): string {
  if (url === '') return 'native / V8';
  if (url.startsWith('node:')) return 'node';
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(
    url,
  );
  if (dependency) return `dep: ${dependency[1]}`;
  const app = /\/(apps\/api\/src|packages\/shared\/src|bench)\/(.*)$/.exec(url);
  if (app) return `${app[1]}/${app[2]!.split('/').slice(0, -1).join('/') || '.'}`;
  return url;
}

/** The largest profile in the folder (the busiest process: pnpm and tsx wrappers write theirs). */
export async function summariseProfiles(directory: string, top = 15): Promise<ProfileSummary> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no CPU profile in ${directory}`);
  const sized = await Promise.all(
    files.map(async (file) => ({ file, size: (await stat(path.join(directory, file))).size })),
  );
  const file = path.join(directory, sized.sort((a, b) => b.size - a.size)[0]!.file);
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  let gcMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const frame = nodes.get(id);
    if (!frame) return;
    if (frame.functionName === '(idle)') return void (idleMs += ms);
    if (frame.functionName === '(garbage collector)') gcMs += ms;
    const place = placeOf(frame.url);
    // Line numbers are the transpiled file's (tsx), not the source's: the name and place say enough.
    const name = `${frame.functionName || '(anonymous)'} — ${place}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  });
  const sorted = <K>(map: Map<K, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    file,
    totalMs,
    idleMs,
    gcMs,
    byPlace: sorted(byPlace)
      .slice(0, top)
      .map(([place, ms]) => ({ place, ms })),
    top: sorted(byFunction)
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms })),
  };
}
