// Bundles the API, with the workspace's TypeScript packages it imports, into dist/ for `node`.
// Third-party dependencies stay external and load from node_modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { dependencies } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url)));
const external = Object.keys(dependencies).filter((name) => !name.startsWith('@fourfold/'));

await build({
  entryPoints: ['src/server.ts', 'src/cli/*.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
