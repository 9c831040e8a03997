// Bundles the extension, the CLI and every worker with esbuild into dist/, and copies the
// runtime assets (tree-sitter wasm files, queries) beside them. Type-checking is `npm run
// typecheck` (tsc); esbuild only strips types.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
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

// One identity for everything this build bundles (src/core/cache/buildStamp.ts): every cache keys
// its answers by it, so the CLI, the extension and the workers of one build share their caches
// and a different build never reads them.
function buildId() {
  const h = createHash('sha1');
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  for (const dir of ['src', 'queries']) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  files.push(path.join(root, 'package-lock.json'));
  for (const f of files.sort()) h.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

/**
 * web-tree-sitter loads two Node built-ins with `import()`, which a CommonJS bundle keeps, and the
 * first one starts Node's ES module loader: 5-10 ms (more under load) at the first parse of every
 * process that parses. They are read with `require` instead, by a name of the banner's: the
 * function around them declares a `var require` of its own, so esbuild's own rewrite to
 * `require()` (supported: dynamic-import false) would call that one before it is set. A new
 * web-tree-sitter that loads them otherwise stops the build here, to be looked at.
 */
function treeSitterRequires() {
  const builtins = ['module', 'fs/promises'];
  return {
    name: 'tree-sitter-requires',
    setup(build) {
      build.onLoad({ filter: /[\\/]web-tree-sitter[\\/]tree-sitter\.js$/ }, (args) => {
        let text = fs.readFileSync(args.path, 'utf8');
        for (const name of builtins) {
          const call = `import("${name}")`;
          if (!text.includes(call)) throw new Error(`build: ${call} not found in ${args.path}`);
          text = text.split(call).join(`Promise.resolve(__deepDiveRequire("${name}"))`);
        }
        if (/\bimport\(/.test(text)) throw new Error(`build: another import() in ${args.path}`);
        return { contents: text, loader: 'js' };
      });
    },
  };
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
  define: { 'import.meta.url': '__deepDiveImportMetaUrl', __DEEPDIVE_BUILD_ID__: JSON.stringify(buildId()) },
  banner: { js: "var __deepDiveImportMetaUrl = require('url').pathToFileURL(__filename).href; var __deepDiveRequire = require;" },
  plugins: [treeSitterRequires()],
};
// The CLI is a small front (main.ts and the command table) plus one bundle per command,
// dist/cli-<module>.js, which the table's `import('./<module>')` loads when that command runs.
// One bundle of all twelve cost every command the compile of all their code (the map, flows,
// the report, YAML) before it started: about 45 ms of CPU, as much as a bare Node start.
const COMMANDS_DIR = path.join(root, 'src', 'cli', 'commands');
const commandBundles = {
  name: 'command-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/[A-Za-z]+$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || args.importer !== path.join(COMMANDS_DIR, 'index.ts')) return undefined;
      return { path: `./cli-${args.path.slice(2)}.js`, external: true };
    });
  },
};
const commandModules = [...fs.readFileSync(path.join(COMMANDS_DIR, 'index.ts'), 'utf8').matchAll(/import\('\.\/([A-Za-z]+)'\)/g)].map((m) => m[1]);
if (!commandModules.length) throw new Error('build: no command found in src/cli/commands/index.ts');
const cliParts = { outdir: dist, plugins: [...common.plugins, commandBundles] };
await Promise.all([
  esbuild.build({ ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: dist }),
  // The front loads a command's bundle with require(): a real import() of a CommonJS file goes
  // through Node's ES module loader, which first scans the whole file for its exports (70 ms).
  // Only the front: web-tree-sitter's own import() of Node modules must stay as it is.
  esbuild.build({ ...common, ...cliParts, supported: { 'dynamic-import': false }, entryPoints: { cli: 'src/cli/main.ts' }, banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
  esbuild.build({
    ...common,
    ...cliParts,
    entryPoints: Object.fromEntries(commandModules.map((m) => [`cli-${m}`, path.join(COMMANDS_DIR, `${m}.ts`)])),
  }),
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
