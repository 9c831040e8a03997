// Configuration text the code parses itself: `JSON.parse(text)`, `yaml.load(text)` (js-yaml),
// `YAML.parse(text)` (yaml). When the text is a string the interpreter knows, what it parses to is
// a value like any object literal, so route paths read from it are known. The text comes from an
// untrusted repository: parsed only (never executed), bounded in size, aliases and depth; what does
// not parse stays unknown.
import { parse as parseYaml } from 'yaml';
import type { ArrValue, ObjValue, Value } from './values';
import { NULL, STR } from './values';

/** Past this size the text is data, not configuration: not parsed. */
const MAX_CHARS = 200_000;
const MAX_DEPTH = 12;
const MAX_ITEMS = 500;

/** Parsers of configuration text, by package and function (`JSON.parse`, js-yaml `load`, yaml `parse`). */
export function dataParser(spec: string, fn: string): 'json' | 'yaml' | undefined {
  if (spec === 'JSON' && fn === 'parse') return 'json';
  if (/^(js-yaml|yaml|yamljs)$/.test(spec) && /^(load|safeLoad|parse)$/.test(fn)) return 'yaml';
  return undefined;
}

/** The value configuration text parses to; undefined when it is too big or does not parse. */
export function parseData(text: string, kind: 'json' | 'yaml'): Value | undefined {
  if (text.length > MAX_CHARS) return undefined;
  let raw: unknown;
  try {
    raw = kind === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50, prettyErrors: false });
  } catch {
    return undefined;
  }
  return toValue(raw, 0);
}

function toValue(v: unknown, depth: number): Value {
  if (typeof v === 'string') return STR(v);
  if (typeof v === 'number') return { k: 'num', v };
  if (typeof v === 'boolean') return { k: 'bool', v };
  if (v === null || v === undefined || depth > MAX_DEPTH) return NULL;
  if (Array.isArray(v)) {
    const arr: ArrValue = { k: 'arr', items: v.slice(0, MAX_ITEMS).map((x) => toValue(x, depth + 1)) };
    return arr;
  }
  if (typeof v === 'object') {
    const obj: ObjValue = { k: 'obj', props: new Map() };
    for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, MAX_ITEMS)) obj.props.set(k, toValue(x, depth + 1));
    return obj;
  }
  return NULL;
}
