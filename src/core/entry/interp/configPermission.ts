// A permission check whose outcome is read from configuration: `allow(auth)('access')` hands the
// caller to `auth.allow_access(pkg, user, cb)`, which looks the package up in `this.config.packages`
// and lets in the groups its rule lists for `access`. Whether the route refuses an anonymous
// caller is then a property of the install, not of the code: decided here by the configuration a
// fresh install runs with (a data file the code reads by a path fixed in it, `conf/default.yaml`,
// whose rules for that setting name the action), and `unknown` ("depends on configuration") when
// that cannot be read — never guarded by guess.
import type { Expr, FnFact } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue, ObjValue, Value } from './values';
import { parseData } from './dataValues';
import { opExprs, subExprs, walkOps } from './opWalk';

/** A check named for the action it permits: `allow_access`, `canPublish`, `mayRead`, `checkAccess`. */
const PERMISSION_NAME = /^(?:allow|can|may|check|is_?allowed)_?([A-Za-z][A-Za-z0-9]*)$/;
/** What holds the settings a method reads: `this.config.packages`, `config.packages`, `this.settings.acl`. */
const CONFIG_HOLDER = /^(config|conf|configuration|settings)$/i;
/**
 * Groups an access list names to let in every caller, signed in or not (`$all`, `$anonymous`,
 * `@all`, `*`), when the code does not say which groups an anonymous caller is in (below). A bare
 * `all` is not among them: verdaccio gives it to signed-in callers only.
 */
const EVERYONE = /^[$@](all|anonymous)$|^\*$|^(everyone|anonymous|public|guest)$/i;
/** A function that makes the identity of a caller without credentials (`createAnonymousRemoteUser`). */
const ANONYMOUS_MAKER = /anonymous/i;
/** Deepest expression followed when looking for the configuration read. */
const MAX_DEPTH = 30;

export interface ConfigPermission {
  /** `everyone`: by the default configuration anonymous callers pass; `identity`: it asks for a caller; `unknown`: it cannot be read. */
  state: 'everyone' | 'identity' | 'unknown';
  reason: string;
  /** The rule of the default configuration that decides it (file:line), for evidence. */
  file?: string;
  line?: number;
}

/**
 * Among the functions a middleware calls (`called`, in the order it calls them), the first
 * permission check that reads a setting and is the call whose error the middleware hands on
 * (`hosts`: the calls as its refusals name them, `auth['allow_' + action]`, `auth.allow_access`):
 * what the default configuration says of it, or undefined when none of them is such a check (the
 * middleware is then judged by its refusals alone).
 */
export function configPermission(x: Interp, called: readonly FnValue[], hosts: readonly string[]): ConfigPermission | undefined {
  for (const g of called) {
    const fact = x.fnFact(g);
    const short = fact?.name.split('.').pop() ?? '';
    const m = fact ? PERMISSION_NAME.exec(short) : null;
    if (!fact || !m || !hosts.some((h) => namesCheck(h, short))) continue;
    const read = settingRead(fact);
    if (!read) continue;
    const action = m[1]!.charAt(0).toLowerCase() + m[1]!.slice(1);
    return decide(x, `${fact.name} (${g.file}:${fact.start})`, read, action);
  }
  return undefined;
}

/**
 * Whether the call a refusal names is this check: by its name (`auth.allow_access`), or by a
 * computed name whose written part starts it (`auth['allow_' + action]` for `allow_access`).
 */
function namesCheck(host: string, name: string): boolean {
  if (host === name || host.endsWith(`.${name}`)) return true;
  const computed = /\[\s*(['"`])([\w$]+)\1\s*\+/.exec(host);
  return !!computed && name.startsWith(computed[2]!);
}

/** The setting a function reads off its configuration (`this.config.packages` → holder `config`, key `packages`). */
function settingRead(fact: FnFact): { holder: string; key: string } | undefined {
  let found: { holder: string; key: string } | undefined;
  const visit = (e: Expr, depth: number): void => {
    if (found || depth > MAX_DEPTH) return;
    if (e[0] === 'm') {
      const o = e[1];
      const holder = o[0] === 'id' ? o[1] : o[0] === 'm' && o[1][0] === 'this' ? o[2] : undefined;
      if (holder && CONFIG_HOLDER.test(holder)) {
        found = { holder, key: e[2] };
        return;
      }
    }
    for (const s of subExprs(e)) visit(s, depth + 1);
  };
  walkOps(fact.ops, (op) => {
    for (const e of opExprs(op)) visit(e, 0);
  });
  return found;
}

/** One rule of the setting (`'**': { access: $all, … }`): its name and the groups it lists for the action. */
interface Rule {
  name: string;
  groups: string[] | undefined;
}

/** The groups the code gives a caller without credentials, and where; undefined when no such function is found. */
interface Anonymous {
  groups: string[];
  at: string;
}
const anonymousOf = new WeakMap<Interp, Anonymous | null>();

/**
 * The identity the code makes for a caller without credentials: a function without parameters
 * named for it whose return is an object with `groups` (`createAnonymousRemoteUser() { return {
 * name: undefined, groups: [...defaultNonLoggedUserRoles] } }`), run to get the groups.
 */
function anonymousGroups(x: Interp): Anonymous | undefined {
  const known = anonymousOf.get(x);
  if (known !== undefined) return known ?? undefined;
  let found: Anonymous | null = null;
  for (const [file, facts] of x.program.facts) {
    const i = facts.fns.findIndex((fact) => ANONYMOUS_MAKER.test(fact.name) && !fact.params.length && fact.ops.some((op) => op[0] === 'ret' && op[1][0] === 'o' && op[1][1].some(([k]) => k === 'groups')));
    const env = i >= 0 ? x.loadedFileEnv(file) : undefined;
    if (!env) continue;
    const fact = facts.fns[i]!;
    const made = x.invoke({ k: 'fn', file, fn: i, env }, [], { file, line: fact.start, offset: -7 }, undefined, true);
    const g = made.k === 'obj' ? made.props.get('groups') : undefined;
    if (g?.k !== 'arr' || !g.items.length || !g.items.every((v) => v.k === 'str')) continue;
    found = { groups: g.items.map((v) => (v as { v: string }).v), at: `${fact.name} (${file}:${fact.start})` };
    break;
  }
  anonymousOf.set(x, found);
  return found ?? undefined;
}

function decide(x: Interp, check: string, read: { holder: string; key: string }, action: string): ConfigPermission {
  const setting = `${read.holder}.${read.key}`;
  const depends = (why: string): ConfigPermission => ({ state: 'unknown', reason: `depends on configuration: ${check} decides by ${setting} (what it lets ${action}); ${why}` });
  // The configuration a fresh install runs with: a data file the code reads whose `key` holds rules
  // that name the action. Two such files that disagree leave it to the install.
  const found: { file: string; text: string; rules: Rule[] }[] = [];
  for (const file of x.program.dataFiles?.() ?? []) {
    const text = x.program.dataFile?.(file);
    const v = text !== undefined ? parseData(text, /\.json$/i.test(file) ? 'json' : 'yaml') : undefined;
    const rules = v?.k === 'obj' ? v.props.get(read.key) : undefined;
    if (rules?.k !== 'obj' || text === undefined) continue;
    const listed = [...rules.props].filter((e): e is [string, ObjValue] => e[1].k === 'obj');
    if (!listed.some(([, r]) => r.props.has(action))) continue;
    found.push({ file, text, rules: listed.map(([name, r]) => ({ name, groups: groupsOf(r.props.get(action)) })) });
  }
  if (!found.length) return depends(`no configuration the code reads sets ${read.key} for ${action}`);
  // Who gets in is read against the groups the code gives an anonymous caller, when it says.
  const anonymous = anonymousGroups(x);
  const lets = (g: string): boolean => (anonymous ? anonymous.groups.includes(g) : EVERYONE.test(g));
  const states = found.map((f) => stateOf(f.rules, lets));
  if (states.some((s) => s !== states[0])) return depends(`the configurations it reads disagree (${found.map((f) => f.file).join(', ')})`);
  const [first] = found;
  const at = `${first!.file}:${lineOf(first!.text, read.key, action)}`;
  const summary = first!.rules.map((r) => `'${r.name}' ${action}: ${r.groups?.join(' ') ?? '(not set)'}`).join('; ');
  const state = states[0]!;
  if (state === 'unknown') return depends(`its rules differ by package or leave ${action} unset (${at}: ${summary})`);
  const outcome = state === 'everyone' ? 'lets anonymous callers through' : 'asks for a signed-in caller or a group';
  const whose = anonymous ? `; an anonymous caller is in ${anonymous.groups.join(' ')} (${anonymous.at})` : '';
  return { state, reason: `${check} decides by ${setting}; the default configuration ${outcome} (${at}: ${summary})${whose}`, file: first!.file, line: lineOf(first!.text, read.key, action) };
}

/** The groups a rule lists: a string of names separated by spaces, or a list of names. */
function groupsOf(v: Value | undefined): string[] | undefined {
  if (v?.k === 'str') return v.v.split(/\s+/).filter(Boolean);
  if (v?.k === 'arr' && v.items.every((i) => i.k === 'str')) return v.items.map((i) => (i as { v: string }).v);
  return undefined;
}

/** Every rule lets everyone in, or none does: the package a request names cannot change it. */
function stateOf(rules: Rule[], lets: (group: string) => boolean): ConfigPermission['state'] {
  if (!rules.length || rules.some((r) => !r.groups)) return 'unknown';
  const open = rules.map((r) => r.groups!.some(lets));
  if (open.every(Boolean)) return 'everyone';
  if (!open.some(Boolean) && rules.every((r) => r.groups!.length)) return 'identity';
  return 'unknown';
}

/** The line of the first `action:` under the setting's key (1-based; the key's own line when not found). */
function lineOf(text: string, key: string, action: string): number {
  const lines = text.split('\n');
  const quoted = (w: string): string => `["']?${w.replace(/[$]/g, '\\$')}["']?\\s*:`;
  const start = lines.findIndex((l) => new RegExp(`^\\s*${quoted(key)}`).test(l));
  if (start < 0) return 1;
  const hit = lines.findIndex((l, i) => i > start && new RegExp(`^\\s+${quoted(action)}`).test(l));
  return (hit < 0 ? start : hit) + 1;
}
