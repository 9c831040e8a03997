import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language } from 'web-tree-sitter';
import { Query } from 'web-tree-sitter';
import { shapePatterns } from './objectShapes';
import { typePatterns } from './localTypes';
import type { LanguageId } from '../parse/languages';
import { loadLanguage } from '../parse/languages';

/**
 * The .scm query files live in a `queries` folder beside the bundle (dist/queries) or, in a
 * development checkout (out/ or ts sources), in the repository's own queries/ folder.
 */
export function queriesDir(): string {
  const candidates = [
    path.join(__dirname, 'queries'),
    path.join(__dirname, '..', 'queries'),
    path.join(__dirname, '..', '..', '..', 'queries'),
    path.join(__dirname, '..', '..', '..', '..', 'queries'),
  ];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'typescript', 'tags.scm')));
  if (!found) throw new Error(`queries folder not found near ${__dirname}`);
  return found;
}

/** TSX is TypeScript plus JSX, with the same node names: it reads TypeScript's query files. */
const QUERY_FOLDER: Partial<Record<LanguageId, LanguageId>> = { tsx: 'typescript' };

export function querySource(language: LanguageId, kind: 'tags' | 'imports'): string {
  return fs.readFileSync(path.join(queriesDir(), QUERY_FOLDER[language] ?? language, `${kind}.scm`), 'utf8');
}

const compiled = new Map<LanguageId, Promise<Query>>();
const errorQueries = new Map<LanguageId, Promise<Query>>();

/**
 * One Query per language holding tags and imports together, compiled once per thread: a single
 * pass of the query cursor over the tree yields definitions, calls, imports and comments.
 */
export function mapQuery(language: LanguageId): Promise<Query> {
  let q = compiled.get(language);
  if (!q) {
    // JS/TS: the shapes of objects that carry functions (objectShapes.ts) and the types of values
    // (localTypes.ts) come out of the same pass.
    const shapes = (lang: Language) => (language === 'typescript' || language === 'tsx' || language === 'javascript' ? '\n' + shapePatterns(lang) + '\n' + typePatterns(lang) : '');
    q = loadLanguage(language).then((lang) => new Query(lang, querySource(language, 'tags') + '\n' + querySource(language, 'imports') + shapes(lang)));
    compiled.set(language, q);
  }
  return q;
}

/** Counts syntax errors only for trees that have any, so clean files pay nothing. */
export function errorQuery(language: LanguageId): Promise<Query> {
  let q = errorQueries.get(language);
  if (!q) {
    q = loadLanguage(language).then((lang) => new Query(lang, '(ERROR) @error (MISSING) @missing'));
    errorQueries.set(language, q);
  }
  return q;
}
