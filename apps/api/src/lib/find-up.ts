/**
 * Finds a folder of the repository from wherever this code runs: the TypeScript source under
 * apps/api/src, the bundle in apps/api/dist, or the container image's /app. Walking up avoids
 * hard-coding how deep the running file sits.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findUp(relativePath: string, from: string = import.meta.url): string | undefined {
  let dir = path.dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    const candidate = path.join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
