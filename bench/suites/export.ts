/**
 * Export: GET /api/stats/export.csv streamed to the bench (counted, not kept), against psql's
 * \copy of the same rows of situation_fact to /dev/null — the floor of moving those rows out of
 * PostgreSQL as CSV. While the export runs, the API child's resident memory is sampled every
 * 100 ms; the figure is its peak above the idle size measured just before.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { analystToken } from './tokens';
import { idleRss, sampleRss } from '../lib/memory';

export type ExportRun = {
  status: number;
  rows: number;
  commentLines: number;
  bytes: number;
  seconds: number;
  firstByteMs: number;
  rowsPerSecond: number;
  idleRss: number;
  peakRss: number;
  samples: number;
  /** The export's last comment line up to the window rule: rows, generalised, withheld. */
  notes: string | undefined;
};

export type ExportResult = {
  from: string;
  to: string;
  runs: ExportRun[];
  baseline: { rows: number; seconds: number; rowsPerSecond: number };
};

const NEWLINE = 0x0a;
const HASH = 0x23;

export async function runExportOnce(
  baseUrl: string,
  apiPid: number,
  window: { from: string; to: string },
): Promise<ExportRun> {
  const url = `${baseUrl}/api/stats/export.csv?${new URLSearchParams(window)}`;
  const headers = { authorization: `Bearer ${await analystToken()}` };
  const idle = await idleRss(apiPid);
  const sampler = sampleRss(apiPid);
  const started = performance.now();
  const response = await fetch(url, { headers });
  let firstByteMs = NaN;
  let lines = 0;
  let commentLines = 0;
  let bytes = 0;
  let atLineStart = true;
  let tail = Buffer.alloc(0);
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
      bytes += chunk.byteLength;
      tail = Buffer.concat([tail, chunk]).subarray(-2048);
      for (const byte of chunk) {
        if (atLineStart && byte === HASH) commentLines += 1;
        atLineStart = byte === NEWLINE;
        if (atLineStart) lines += 1;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const { peak, samples } = await sampler.stop();
  // Every line but the header and the trailing comment lines (the export's notes) is a row.
  const rows = response.status === 200 ? Math.max(0, lines - 1 - commentLines) : 0;
  const lastLine = tail.toString('utf8').trimEnd().split('\n').at(-1);
  const notes = lastLine?.startsWith('# ') ? lastLine.split('; a row is')[0] : undefined;
  return {
    status: response.status,
    rows,
    commentLines,
    bytes,
    seconds,
    firstByteMs,
    rowsPerSecond: rows / seconds,
    idleRss: idle,
    peakRss: peak,
    samples,
    notes,
  };
}

/**
 * The same rows (every table, the months of the window), the columns of the record file, through
 * psql's \copy to /dev/null: PostgreSQL reading and formatting them, the client receiving them.
 */
export function baselineCopySql(window: { from: string; to: string }): string {
  const month = /^\d{4}-\d{2}$/;
  if (!month.test(window.from) || !month.test(window.to)) throw new Error('bad window');
  return `\\copy (select t.name, to_char(f.period, 'YYYY-MM'), f.situation_type, f.age_band, f.gender, f.outcome, f.rejection_reason, f.originating_sector, f.lead_sector, array_to_string(f.assisting_sectors, ';'), array_to_string(f.risk_factors, ';'), array_to_string(f.protective_factors, ';'), array_to_string(f.study_flags, ';'), f.conclusion_reason, f.days_to_first_contact, f.days_open from situation_fact f join situation_table t on t.id = f.table_id where f.period between '${window.from}-01' and '${window.to}-01' order by t.name, f.period) to '/dev/null' csv header`;
}

export async function runCopyBaseline(
  databaseUrl: string,
  window: { from: string; to: string },
): Promise<ExportResult['baseline']> {
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      'psql',
      [databaseUrl, '-X', '-v', 'ON_ERROR_STOP=1', '-c', baselineCopySql(window)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`psql exited with ${code}`)),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  const rows = Number(/COPY (\d+)/.exec(output)?.[1] ?? NaN);
  return { rows, seconds, rowsPerSecond: rows / seconds };
}
