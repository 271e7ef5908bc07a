// `pnpm start`: builds whatever is missing or older than its sources, then runs the API, which
// serves the web app too. With no DATABASE_URL that is the embedded database in ./data.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);

/** Newest modification time of the files under the given paths (skipping build output). */
function newest(paths) {
  let latest = 0;
  const visit = (entry) => {
    if (!existsSync(entry)) return;
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const name of readdirSync(entry)) {
        if (name !== 'node_modules' && name !== 'dist') visit(path.join(entry, name));
      }
    } else latest = Math.max(latest, stats.mtimeMs);
  };
  paths.forEach(visit);
  return latest;
}

function buildIfStale(name, output, sources) {
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  if (built >= newest(sources)) return;
  console.log(`Building ${name}…`);
  execFileSync('pnpm', ['--filter', name, 'build'], { cwd: root, stdio: 'inherit' });
}

const shared = [at('packages/shared/src'), at('pnpm-lock.yaml')];
buildIfStale('@fourfold/web', at('apps/web/dist/index.html'), [
  at('apps/web/src'),
  at('apps/web/index.html'),
  at('apps/web/public'),
  at('apps/web/vite.config.ts'),
  ...shared,
]);
buildIfStale('@fourfold/api', at('apps/api/dist/server.js'), [
  at('apps/api/src'),
  at('apps/api/build.mjs'),
  ...shared,
]);

process.env.NODE_ENV ??= 'production';
await import(pathToFileURL(at('apps/api/dist/server.js')).href);
