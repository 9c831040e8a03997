// A setting read by its keys from the service's own settings store, whose fresh-install value is a
// nested dictionary literal of ours:
//
//     'settings': {'application': {'password': False, 'api_access_token_enabled': True, …}}   # model/App.py
//     has_password_enabled = datastore.data['settings']['application'].get('password') or os.getenv("SALTED_PASS", False)
//     if has_password_enabled and not current_user.is_authenticated: return login_manager.unauthorized()
//
// The read's keys (two or more string keys, by subscript or `.get("k")`) end a path of the literal;
// the leaf's value is what a fresh install holds. An environment variable read with a literal default
// (`os.getenv("K", False)`) holds that default, the variable being unset on a fresh install. A test
// made only of such reads is decided: a decorator's way behind it open or closed (flaskGuardJudge.ts
// underDefaults), a hook's refusal under it met or never met (pyLink.ts). Keys matching leaves of
// different values, or no leaf, decide nothing: the judges keep their "depends on …".
import type { Node } from 'web-tree-sitter';
import { kids, line, stringValue } from '../treeUtil';
import { literal } from './settingColumns';
import { andParts, orParts } from './routeTests';
import { dict } from '../../ownKeys';
import { envRead } from './envReads';

/** A leaf of a nested dictionary literal: its whole key path and literal value. */
export interface KeyedDefault {
  path: string[];
  value: string;
  line: number;
}

/** One part of an `or`: a keyed read, or an environment variable with its default. */
export type GatePart = { keys: string[] } | { env: string; value: string };

/** A test made of an `or` of reads whose fresh-install values are in the code. */
export interface KeyedGate {
  text: string;
  parts: GatePart[];
}

const MAX_LEAVES = 400;

/** Leaves (two keys deep or more) of the module's outermost dictionary literals, by last key. */
export function nestedDefaults(root: Node): Record<string, KeyedDefault[]> {
  const out = dict<KeyedDefault[]>();
  let count = 0;
  const walk = (dict: Node, path: string[]): void => {
    for (const pair of kids(dict)) {
      if (pair.type !== 'pair' || count >= MAX_LEAVES) continue;
      const k = pair.childForFieldName('key');
      const key = k?.type === 'string' ? stringValue(k) : undefined;
      const v = pair.childForFieldName('value');
      if (key === undefined || !v) continue;
      if (v.type === 'dictionary') walk(v, [...path, key]);
      else if (path.length) {
        const value = literal(v);
        if (value === undefined) continue;
        (out[key] ??= []).push({ path: [...path, key], value, line: line(pair) });
        count++;
      }
    }
  };
  for (const d of root.descendantsOfType('dictionary')) if (d && d.parent?.type !== 'pair') walk(d, []);
  return out;
}

/** `x['a']['b'].get('c')`, `x['a']['b']['c']`: the string keys, outermost first (two or more), else undefined. */
export function keyedRead(n: Node): string[] | undefined {
  const keys: string[] = [];
  let at: Node | null = n;
  for (;;) {
    if (at?.type === 'subscript') {
      const s = at.childForFieldName('subscript');
      const k = s?.type === 'string' ? stringValue(s) : undefined;
      if (k === undefined) return undefined;
      keys.unshift(k);
      at = at.childForFieldName('value');
    } else if (at?.type === 'call' && at.childForFieldName('function')?.type === 'attribute' && at.childForFieldName('function')!.childForFieldName('attribute')?.text === 'get') {
      const first = kids(at.childForFieldName('arguments'))[0];
      const k = first?.type === 'string' ? stringValue(first) : undefined;
      if (k === undefined) return undefined;
      keys.unshift(k);
      at = at.childForFieldName('function')!.childForFieldName('object');
    } else break;
  }
  return keys.length >= 2 ? keys : undefined;
}

/** `os.getenv("K", False)`, `os.environ.get("K")`: the variable and its value when unset. */
function envSetting(n: Node): { env: string; value: string } | undefined {
  const read = envRead(n);
  const value = read?.fallback ? literal(read.fallback) : 'None';
  return read?.key !== undefined && value !== undefined ? { env: read.key, value } : undefined;
}

/** The test `n` (or what the plain name it is was bound to, once, in `fn`) as a keyed gate. */
export function keyedGate(n: Node, fn: Node | undefined): KeyedGate | undefined {
  const expr = n.type === 'identifier' && fn ? boundOnce(fn, n.text) : n;
  if (!expr) return undefined;
  const parts: GatePart[] = [];
  for (const p of orParts(expr)) {
    const keys = keyedRead(p);
    const env = keys ? undefined : envSetting(p);
    if (keys) parts.push({ keys });
    else if (env) parts.push(env);
    else return undefined;
  }
  return parts.some((p) => 'keys' in p) ? { text: n.text, parts } : undefined;
}

function boundOnce(fn: Node, name: string): Node | undefined {
  const found = fn.descendantsOfType('assignment').filter((a) => a?.childForFieldName('left')?.text === name);
  return found.length === 1 ? found[0]!.childForFieldName('right') ?? undefined : undefined;
}

const truthy = (v: string): boolean => !['0', 'False', 'None', '""', '0.0'].includes(v);

/** Whether the gate holds on a fresh install (any part truthy), with where each value is written; undefined when a part is not known. */
export function gateHolds(g: KeyedGate, index: ReadonlyMap<string, (KeyedDefault & { file: string })[]>): { holds: boolean; at: string } | undefined {
  const at: string[] = [];
  let holds = false;
  for (const p of g.parts) {
    if ('env' in p) {
      at.push(`${p.env} unset (${p.value})`);
      holds ||= truthy(p.value);
      continue;
    }
    const leaves = (index.get(p.keys[p.keys.length - 1]) ?? []).filter((d) => d.path.length >= p.keys.length && p.keys.every((k, i) => d.path[d.path.length - p.keys.length + i] === k));
    if (!leaves.length || leaves.some((d) => d.value !== leaves[0].value)) return undefined;
    at.push(`${p.keys.join('.')} = ${leaves[0].value} (${leaves[0].file}:${leaves[0].line})`);
    holds ||= truthy(leaves[0].value);
  }
  return { holds, at: `DEFAULT ${at.join(', ')}` };
}

/** A setting test the refusal `n` sits under, in the taken arm of an `if`/`elif` of `fn` (`if has_password and not authed:`). */
export function refusalGate(n: Node, fn: Node): KeyedGate | undefined {
  for (let p = n.parent, child: Node = n; p && p.id !== fn.id; child = p, p = p.parent) {
    if (p.type !== 'if_statement' && p.type !== 'elif_clause') continue;
    const cons = p.childForFieldName('consequence');
    const cond = p.childForFieldName('condition');
    if (!cons || !cond || cons.id !== child.id) continue;
    for (const part of andParts(cond)) {
      const g = keyedGate(part, fn);
      if (g) return g;
    }
  }
  return undefined;
}
