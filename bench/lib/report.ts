/**
 * Writes the run into docs/benchmarks.md as one section between markers, replacing the previous
 * run of the same suite and keeping every other section of the file as it was.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { LoadResult } from './load';
import type { Machine } from './machine';

const TITLE = `# Benchmarks

Figures measured by \`pnpm bench\` and by the suites that join it. Each section says what was
measured, on what, and how to reproduce it. Never part of \`pnpm test\` or CI.
`;

/** Each family of suites (statistics, api…) has its own markers, so that none overwrites another's. */
const marker = (family: string, name: string, edge: 'start' | 'end') =>
  `<!-- bench:${family}-${name}:${edge} -->`;

/**
 * Writes the blocks given, each between its markers, replacing the earlier run's block of the
 * same name and keeping the others (a suite run alone leaves the other suites' figures), in the
 * order of `order`; everything outside the markers is left as it was.
 */
export async function writeBlocks(
  file: string,
  order: readonly string[],
  blocks: Partial<Record<string, string>>,
  family = 'statistics',
): Promise<void> {
  let text = await readFile(file, 'utf8').catch(() => TITLE);
  let anchor = -1;
  for (const name of order) {
    const start = marker(family, name, 'start');
    const end = marker(family, name, 'end');
    const content = blocks[name];
    const block = content === undefined ? '' : `${start}\n\n${content.trim()}\n\n${end}`;
    const at = text.indexOf(start);
    const until = text.indexOf(end);
    if (at !== -1 && until > at) {
      if (content !== undefined) text = text.slice(0, at) + block + text.slice(until + end.length);
      anchor = content !== undefined ? at + block.length : until + end.length;
    } else if (content !== undefined) {
      if (anchor === -1) {
        text = `${text.trimEnd()}\n\n`;
        anchor = text.length;
        text += `${block}\n`;
        anchor += block.length;
      } else {
        text = `${text.slice(0, anchor)}\n\n${block}${text.slice(anchor)}`;
        anchor += 2 + block.length;
      }
    }
  }
  await mkdir(path.dirname(file), { recursive: true });
  // Formatted as `pnpm lint` (prettier --check) wants it: aligned tables.
  const options = (await prettier.resolveConfig(file)) ?? {};
  await writeFile(file, await prettier.format(text, { ...options, filepath: file }));
}

/** Milliseconds with a precision that suits their size. */
export const ms = (value: number) =>
  Number.isNaN(value)
    ? '—'
    : value < 10
      ? value.toFixed(2)
      : value < 100
        ? value.toFixed(1)
        : value.toFixed(0);

export const ratio = (a: number, b: number) =>
  Number.isFinite(a / b) ? `${(a / b).toFixed(a / b < 10 ? 1 : 0)}×` : '—';

export const thousands = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—';

export const latency = (result: LoadResult | null | undefined) =>
  result
    ? `${ms(result.p50)} / ${ms(result.p95)}${
        result.failures ? ` (${result.failures} of ${result.failures + result.calls} failed)` : ''
      }`
    : '—';

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** One line saying when, on what and how busy: every suite's block starts with it. */
export function measuredOn(run: {
  date: string;
  machine: Machine;
  loadAverageEnd?: readonly number[];
}): string {
  const m = run.machine;
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(1)).join(', ');
  return `Measured ${run.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu} (${m.cores} cores,
${m.memoryGiB.toFixed(1)} GiB, ${m.os}), Node ${m.node}, PostgreSQL ${m.postgres} on the same
machine with default settings; ${Object.entries(m.packages)
    .map(([name, v]) => `${name} ${v}`)
    .join(', ')}. Load average (1, 5, 15 min) ${load(m.loadAverage)} at the start${
    run.loadAverageEnd ? `, ${load(run.loadAverageEnd)} at the end` : ''
  }: on ${m.cores} cores, anything above ${m.cores} means other work competed for the CPU.`;
}
