// A view that hands `request.user` to a helper of the service only uses the identity if the
// helper does. Some helpers decide on the identity only when a setting asks for it:
//
//     def getPermissions(user):
//       if not settings.DASHBOARD_REQUIRE_AUTHENTICATION:
//         return ALL_PERMISSIONS      # don't require login
//       …
//
// With the setting's value known from the project's settings module (False here), the helper
// returns before reading the identity, for everyone alike: the view serves anonymous callers exactly
// as it serves others, so it is unguarded rather than "anonymous allowed" — and the evidence says
// which setting would change that. A setting whose value is not known statically decides nothing.
import type { Node } from 'web-tree-sitter';
import { kids, line } from '../treeUtil';
import { settingCondition, type SettingValues } from './djangoListOps';

/** What settingGate needs to know of a function view or helper. */
export interface GateFacts {
  name: string;
  file: string;
  /** `if [not] settings.X: return …` before anything else returns (see earlySettingReturn). */
  settingReturn?: { cond: string; line: number };
  /** How many times the body reads the identity (`request.user`, `is_authenticated` …). */
  identityReads?: number;
  checks?: { kind: string; callee?: string; text: string; line: number }[];
  readsIdentityAt?: number;
}

const IDENTITY = /\b(request\.user|is_authenticated|is_anonymous|isAuthenticated)\b/g;

/** The first `if <setting>: return …` at the top of a body, when nothing before it returns or raises. */
export function earlySettingReturn(fn: Node): { cond: string; line: number } | undefined {
  const body = fn.childForFieldName('body');
  for (const st of kids(body)) {
    if (st.type === 'comment' || (st.type === 'expression_statement' && st.namedChildren[0]?.type === 'string')) continue;
    if (st.type === 'if_statement' && !st.childrenForFieldName('alternative').some(Boolean)) {
      const cond = (st.childForFieldName('condition')?.text ?? '').replace(/\s+/g, ' ').trim();
      const first = kids(st.childForFieldName('consequence'))[0];
      if (/^(not\s+)?settings\.[A-Z][A-Z0-9_]*$/.test(cond) && first?.type === 'return_statement') return { cond, line: line(st) };
    }
    if (st.type === 'return_statement' || st.type === 'raise_statement' || st.descendantsOfType(['return_statement', 'raise_statement']).length) return undefined;
  }
  return undefined;
}

export function identityReads(fn: Node): number {
  return [...(fn.childForFieldName('body')?.text ?? '').matchAll(IDENTITY)].length;
}

/** `NAME = …` at the top of a settings module → its line. */
export function settingLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  text.split('\n').forEach((l, i) => {
    const m = /^([A-Z][A-Z0-9_]*)\s*=/.exec(l);
    if (m && !out.has(m[1])) out.set(m[1], i + 1);
  });
  return out;
}

/**
 * When every identity the view reads goes to helpers that, with the known settings, return before
 * reading it: why the view is unguarded. Undefined when anything else reads or decides on it.
 */
export function settingGate(view: GateFacts, funcs: readonly GateFacts[], settings: SettingValues, settingAt: (name: string) => { file: string; line: number } | undefined): string | undefined {
  const readers = (view.checks ?? []).filter((c) => c.kind === 'reads' && c.callee && funcs.some((f) => f.name === c.callee && f.readsIdentityAt));
  if (!readers.length || (view.checks ?? []).some((c) => c.kind !== 'reads')) return undefined;
  // Each read of the identity in the view is one of those calls' argument (`getPermissions(request.user)`).
  if ((view.identityReads ?? 0) > readers.filter((c) => /\brequest\.user\b/.test(c.text)).length) return undefined;
  const why: string[] = [];
  for (const name of new Set(readers.map((c) => c.callee!))) {
    const helper = funcs.filter((f) => f.name === name);
    const gate = helper.length === 1 ? helper[0].settingReturn : undefined;
    if (!gate || settingCondition(gate.cond, settings) !== true) return undefined;
    const setting = /settings\.(\w+)/.exec(gate.cond)![1];
    const at = settingAt(setting);
    const value = settings.get(setting);
    why.push(`${name} returns before reading the identity while ${gate.cond} (${helper[0].file}:${gate.line}); ${setting} is ${value === true ? 'True' : value === false ? 'False' : JSON.stringify(value)}${at ? ` at ${at.file}:${at.line}` : ''}`);
  }
  return why.join('; ');
}
