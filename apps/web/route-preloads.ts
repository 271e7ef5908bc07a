/**
 * A build step that writes dist/.vite/route-preloads.json: for the pages people open first, by
 * the address they open them at, the files the router will fetch for that page once the first
 * download has run (its lazy chunk and what that chunk imports, less the first download itself).
 * The API names them in index.html as `modulepreload` links when it answers such an address
 * (apps/api/src/plugins/web.ts), so that a phone fetches the page's code beside the first download
 * rather than after it (#12, point 5). Only files the router would fetch for that address anyway:
 * the sign-in page gets none, and the first download's budget (`pnpm check:bundle`) is unchanged.
 *
 * The addresses are the router's (src/app/router.tsx); a `:name` segment stands for any one
 * segment. An address whose module is missing from the build fails the build.
 */
import type { Plugin } from 'vite';

export type RoutePreloads = { path: string; scripts: string[]; styles: string[] }[];

export function routePreloads(routes: Record<string, string>): Plugin {
  return {
    name: 'fourfold-route-preloads',
    apply: 'build',
    // After Vite's own steps: they drop the chunks that only carried CSS, and the imports of them.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const closure = (fileNames: readonly string[]) => {
        const seen = new Set<string>();
        const visit = (fileName: string) => {
          if (seen.has(fileName)) return;
          seen.add(fileName);
          byFile.get(fileName)?.imports.forEach(visit);
        };
        fileNames.forEach(visit);
        return seen;
      };
      const firstDownload = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
      const preloads: RoutePreloads = Object.entries(routes).map(([path, module]) => {
        const page = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(module));
        if (!page) throw new Error(`route-preloads: no chunk for ${module} (${path})`);
        const files = [...closure([page.fileName])].filter((file) => !firstDownload.has(file));
        const styles = files.flatMap((file) => [
          ...(byFile.get(file)?.viteMetadata?.importedCss ?? []),
        ]);
        return { path, scripts: files.map((f) => `/${f}`), styles: styles.map((f) => `/${f}`) };
      });
      this.emitFile({
        type: 'asset',
        fileName: '.vite/route-preloads.json',
        source: JSON.stringify(preloads, null, 2),
      });
    },
  };
}
