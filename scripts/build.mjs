// Bundles the extension, the CLI and every worker with esbuild into dist/, and copies the
// runtime assets (tree-sitter wasm files, queries) beside them. Type-checking is `npm run
// typecheck` (tsc); esbuild only strips types.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');

function findWorkers(dir) {
  // Convention: a worker thread's entry is a file named *Worker.ts; it is loaded at run time
  // as path.join(__dirname, '<name>Worker.js'), which holds both in dist/ and in out/.
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findWorkers(p));
    else if (/Worker\.ts$/.test(entry.name)) found.push(p);
  }
  return found;
}

fs.rmSync(dist, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  // languages.ts falls back to require.resolve only outside a bundle (dist/ carries the wasm).
  logOverride: { 'require-resolve-not-external': 'silent' },
  // web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle lacks.
  define: { 'import.meta.url': '__deepDiveImportMetaUrl' },
  banner: { js: "var __deepDiveImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
await Promise.all([
  esbuild.build({ ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: dist }),
  esbuild.build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: dist, banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
  ...findWorkers(path.join(root, 'src')).map((file) =>
    esbuild.build({ ...common, entryPoints: { [path.basename(file, '.ts')]: file }, outdir: dist }),
  ),
]);
fs.chmodSync(path.join(dist, 'cli.js'), 0o755);

// Runtime assets: the tree-sitter runtime and the grammars' own .wasm files.
const grammars = path.join(dist, 'grammars');
fs.mkdirSync(grammars, { recursive: true });
fs.copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(grammars, 'tree-sitter.wasm'));
for (const [pkg, files] of Object.entries({
  'tree-sitter-typescript': ['tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm'],
  'tree-sitter-javascript': ['tree-sitter-javascript.wasm'],
  'tree-sitter-python': ['tree-sitter-python.wasm'],
  'tree-sitter-go': ['tree-sitter-go.wasm'],
  'tree-sitter-java': ['tree-sitter-java.wasm'],
  '@tree-sitter-grammars/tree-sitter-kotlin': ['tree-sitter-kotlin.wasm'],
})) {
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  for (const f of files) fs.copyFileSync(path.join(dir, f), path.join(grammars, f));
}
if (fs.existsSync(path.join(root, 'queries'))) {
  fs.cpSync(path.join(root, 'queries'), path.join(dist, 'queries'), { recursive: true });
}
console.log(`built dist/ (${production ? 'production' : 'development'})`);
