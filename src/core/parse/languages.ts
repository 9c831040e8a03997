import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { table } from '../ownKeys';

export type LanguageId = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'java' | 'kotlin';

export const LANGUAGE_IDS: readonly LanguageId[] = ['typescript', 'tsx', 'javascript', 'python', 'go', 'java', 'kotlin'];

const EXTENSIONS: Record<string, LanguageId> = table({
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.py': 'python',
  '.go': 'go',
  '.java': 'java',
  '.kt': 'kotlin',
});

/** The language of a file by its name, or undefined when Deep Dive does not parse it. */
export function languageForPath(file: string): LanguageId | undefined {
  if (file.endsWith('.d.ts')) return undefined; // declarations carry no code to read
  return EXTENSIONS[path.extname(file).toLowerCase()];
}

/** The .wasm that the official grammar package ships, per language. */
const GRAMMAR_FILES: Record<LanguageId, { pkg: string; file: string }> = {
  typescript: { pkg: 'tree-sitter-typescript', file: 'tree-sitter-typescript.wasm' },
  tsx: { pkg: 'tree-sitter-typescript', file: 'tree-sitter-tsx.wasm' },
  javascript: { pkg: 'tree-sitter-javascript', file: 'tree-sitter-javascript.wasm' },
  python: { pkg: 'tree-sitter-python', file: 'tree-sitter-python.wasm' },
  go: { pkg: 'tree-sitter-go', file: 'tree-sitter-go.wasm' },
  java: { pkg: 'tree-sitter-java', file: 'tree-sitter-java.wasm' },
  // The tree-sitter-grammars organisation's package ships its .wasm (fwcd's tree-sitter-kotlin on npm does not).
  kotlin: { pkg: '@tree-sitter-grammars/tree-sitter-kotlin', file: 'tree-sitter-kotlin.wasm' },
};

/**
 * Where the runtime assets live. A bundled build (dist/, the .vsix) carries copies in
 * dist/grammars; a development checkout reads them from node_modules.
 */
function bundledDir(): string | undefined {
  const candidates = [path.join(__dirname, 'grammars'), path.join(__dirname, '..', 'grammars')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'tree-sitter.wasm')));
}

export function grammarPath(id: LanguageId): string {
  const { pkg, file } = GRAMMAR_FILES[id];
  const dir = bundledDir();
  if (dir) return path.join(dir, file);
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

function runtimeWasmPath(): string {
  const dir = bundledDir();
  if (dir) return path.join(dir, 'tree-sitter.wasm');
  // web-tree-sitter has only `exports`: resolve the wasm through its exported subpath.
  return require.resolve('web-tree-sitter/tree-sitter.wasm');
}

let initPromise: Promise<void> | undefined;
const languages = new Map<LanguageId, Promise<Language>>();

/**
 * The Emscripten module object web-tree-sitter runs on: the options given to `Parser.init` become
 * it (its wasm exports and heap are set on it). Only parse/liteTree.ts reads it, to walk a tree
 * without the per-call marshalling of the public TreeCursor.
 */
const runtimeModule: RuntimeModule = { locateFile: () => runtimeWasmPath() };

/** Emscripten's module object: its own options plus what the runtime sets on it (exports, heap views). */
export interface RuntimeModule {
  locateFile: () => string;
  [member: string]: unknown;
}

export function initTreeSitter(): Promise<void> {
  initPromise ??= Parser.init(runtimeModule);
  return initPromise;
}

/** web-tree-sitter's module object once the runtime is loaded (see runtimeModule). */
export function treeSitterRuntime(): RuntimeModule {
  return runtimeModule;
}

/** Loads a grammar once per process (per worker thread). */
export async function loadLanguage(id: LanguageId): Promise<Language> {
  await initTreeSitter();
  let lang = languages.get(id);
  if (!lang) {
    lang = Language.load(grammarPath(id));
    languages.set(id, lang);
  }
  return lang;
}

/** A parser set to a language. Parsers are cheap; reuse one per language in hot loops. */
export async function createParser(id: LanguageId): Promise<Parser> {
  const language = await loadLanguage(id);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
