// A JSON file a JS/TS module imports (`import config from '../plugin.json'`) is a module whose
// default export is its content, as bundlers and TypeScript's resolveJsonModule make it: route
// names and mount paths are often read from one (`router.get(config.id, …)`). Only relative
// imports, only small files, only what the facts can hold; nothing else is read.
import * as path from 'node:path';
import type { EntryFacts, Expr } from './types';
import { emptyEntryFacts } from './types';

/** Past this size a JSON file is data, not configuration: not read. */
const MAX_BYTES = 200_000;
const MAX_DEPTH = 8;
const MAX_ITEMS = 500;

/** Root-relative paths of the JSON files the given facts import with a relative specifier. */
export function jsonImports(facts: ReadonlyMap<string, EntryFacts>): string[] {
  const out = new Set<string>();
  for (const [file, f] of facts)
    for (const i of f.imports) {
      if (!i.spec.startsWith('.') || !i.spec.endsWith('.json')) continue;
      const p = path.posix.normalize(path.posix.join(path.posix.dirname(file), i.spec));
      if (!p.startsWith('..')) out.add(p);
    }
  return [...out].sort();
}

/** The facts of a JSON module: `export default <its content>`; undefined when it is not JSON or too big. */
export function jsonModuleFacts(text: string): EntryFacts | undefined {
  if (text.length > MAX_BYTES) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const facts = emptyEntryFacts();
  facts.exports.push(['default', toExpr(value, 0)]);
  return facts;
}

function toExpr(v: unknown, depth: number): Expr {
  if (typeof v === 'string') return ['s', v];
  if (typeof v === 'number') return ['n', v];
  if (typeof v === 'boolean') return ['b', v];
  if (v === null || depth > MAX_DEPTH) return ['null'];
  if (Array.isArray(v)) return ['a', v.slice(0, MAX_ITEMS).map((x) => toExpr(x, depth + 1))];
  if (typeof v === 'object') return ['o', Object.entries(v as Record<string, unknown>).slice(0, MAX_ITEMS).map(([k, x]): [string, Expr] => [k, toExpr(x, depth + 1)])];
  return ['null'];
}
