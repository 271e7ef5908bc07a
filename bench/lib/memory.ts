/**
 * Resident memory of another process, read from /proc/<pid>/status (VmRSS) — what the kernel
 * charges the API for, heap, buffers and native allocations together. Linux only.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** The median of `count` samples `everyMs` apart: the process's resident size at rest. */
export async function idleRss(pid: number, count = 10, everyMs = 100): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    samples.push(await rssBytes(pid));
    await sleep(everyMs);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export type RssSampler = { stop(): Promise<{ peak: number; samples: number }> };

/** Samples the process's RSS every `everyMs` until stopped; keeps the peak. */
export function sampleRss(pid: number, everyMs = 100): RssSampler {
  let peak = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        peak = Math.max(peak, await rssBytes(pid));
        samples += 1;
      } catch {
        // The process is gone: the caller will find out from its own request.
        return;
      }
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      // One last look, so a peak reached just before the end is not missed.
      peak = Math.max(peak, await rssBytes(pid).catch(() => 0));
      return { peak, samples };
    },
  };
}

export const megabytes = (bytes: number) => bytes / 1024 / 1024;
