/**
 * Writes the run into docs/benchmarks.md as one section between markers, replacing the previous
 * run of the same suite and keeping every other section of the file as it was.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { LoadResult } from './load';

export const START = '<!-- bench:statistics:start -->';
export const END = '<!-- bench:statistics:end -->';

const TITLE = `# Benchmarks

Figures measured by \`pnpm bench\` and by the suites that join it. Each section says what was
measured, on what, and how to reproduce it. Never part of \`pnpm test\` or CI.
`;

export async function writeSection(file: string, section: string): Promise<void> {
  let text = await readFile(file, 'utf8').catch(() => TITLE);
  const block = `${START}\n${section.trim()}\n${END}`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start !== -1 && end > start) {
    text = text.slice(0, start) + block + text.slice(end + END.length);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  await writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
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
  result ? `${ms(result.p50)} / ${ms(result.p95)}` : '—';

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
