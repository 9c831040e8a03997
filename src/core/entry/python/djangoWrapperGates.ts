// A decorator of the service's own, put around views in the urlconf (`login_required(view)`,
// `decorated_patterns([login_required_if_not_anonymous_allowed], ...)`), judged by its wrapper's
// code rather than its name: uMap's `login_required_if_not_anonymous_allowed` says "anonymous" yet
// refuses anonymous callers unless a setting (False by default) allows them:
//   if not getattr(settings, "UMAP_ALLOW_ANONYMOUS", False) and not request.user.is_authenticated:
//       return simple_json_response(login_required=...)
// The wrapper's first `if` that tests the caller is anonymous and returns without running the view
// is a login requirement, gated by the settings tests joined to it with `and`.
import type { Node } from 'web-tree-sitter';
import { kids, line } from '../treeUtil';
import { makeGuard } from '../guards';
import type { Guard } from '../types';
import type { FuncView, PyDecorator } from '../djangoViews';

export interface AnonymousGate {
  line: number;
  text: string;
  /** Settings tests the refusal also needs (`not settings.X`), each with the default `getattr` gives. */
  settings: { cond: string; fallback?: boolean }[];
}

const ANONYMOUS = /^(not\s+request\.user\.is_authenticated|request\.user\.is_anonymous)$/;
const SETTING = /^(not\s+)?(?:getattr\(\s*settings\s*,\s*(['"])([A-Z][A-Z0-9_]*)\2\s*(?:,\s*(True|False|None)\s*)?\)|settings\.([A-Z][A-Z0-9_]*))$/;

/** The wrapper's anonymous refusal, or undefined when it has none we can read. */
export function anonymousGate(fn: Node): AnonymousGate | undefined {
  const wrapped = kids(fn.childForFieldName('parameters'))[0]?.text;
  const inner = kids(fn.childForFieldName('body')).map((s) => (s.type === 'decorated_definition' ? s.childForFieldName('definition') : s)).find((s) => s?.type === 'function_definition');
  if (!wrapped || !inner) return undefined;
  for (const st of kids(inner.childForFieldName('body'))) {
    if (st.type !== 'if_statement') continue;
    const cond = st.childForFieldName('condition')?.text.replace(/\s+/g, ' ').replace(/^\((.*)\)$/, '$1').trim() ?? '';
    const arm = st.childForFieldName('consequence');
    const parts = cond.split(/\s+and\s+/).map((p) => p.trim());
    if (!arm || !parts.some((p) => ANONYMOUS.test(p))) continue;
    // The arm must answer by itself: a return (or raise) that does not run the wrapped view.
    const last = kids(arm).pop();
    if (!last || (last.type !== 'return_statement' && last.type !== 'raise_statement') || new RegExp(`\\b${wrapped}\\s*\\(`).test(arm.text)) return undefined;
    const settings: AnonymousGate['settings'] = [];
    for (const p of parts.filter((x) => !ANONYMOUS.test(x))) {
      const m = SETTING.exec(p);
      if (!m) return undefined;
      settings.push({ cond: `${m[1] ?? ''}settings.${m[3] ?? m[5]}`, ...(m[4] ? { fallback: m[4] === 'True' } : m[3] ? { fallback: false } : {}) });
    }
    return { line: line(st), text: `if ${cond}`, settings };
  }
  return undefined;
}

/** What a urlconf wrapper of ours amounts to: guards, and why the route stays undecided if it does. */
export function ownWrapperGuards(
  wrappers: PyDecorator[],
  file: string,
  funcs: FuncView[],
  decide: (cond: string) => boolean | undefined,
): { guards: Guard[]; doubt?: string } {
  const guards: Guard[] = [];
  let doubt: string | undefined;
  for (const w of wrappers) {
    const name = w.text.replace(/\(.*$/s, '').split('.').pop() ?? '';
    const own = funcs.find((f) => f.name === name && f.anonymousGate);
    const gate = own?.anonymousGate;
    if (!own || !gate) {
      const g = makeGuard(w.text, file, w.line, 'wraps the view in the urlconf');
      if (g) guards.push(g);
      // A decorator of ours no name tells, whose wrapper speaks of refusing: not known open.
      const refusing = g ? undefined : funcs.find((f) => f.name === name && f.wrapperRefuses);
      if (refusing) doubt ??= `${w.text} wraps the view in the urlconf (${file}:${w.line}) with code that refuses some requests (${refusing.file}:${refusing.wrapperRefuses}); when it refuses was not read`;
      continue;
    }
    const values = gate.settings.map((s) => decide(s.cond) ?? (s.fallback === undefined ? undefined : /^not\s/.test(s.cond) ? !s.fallback : s.fallback));
    if (values.some((v) => v === false)) continue;
    const where = `${own.file}:${gate.line}`;
    if (values.some((v) => v === undefined)) {
      doubt ??= `${w.text} (${file}:${w.line}) refuses anonymous callers only while ${gate.settings.map((s) => s.cond).join(' and ')} (${where}), a setting whose value was not read`;
      continue;
    }
    const gated = gate.settings.length ? `, while ${gate.settings.map((s) => s.cond).join(' and ')} holds by default` : '';
    guards.push({ name: w.text, kind: 'authentication', reason: `wraps the view in the urlconf; its wrapper refuses anonymous callers (${where}: ${gate.text})${gated}`, file, line: w.line, evidence: { how: 'refuses before the view runs', text: gate.text, file: own.file, line: gate.line } });
  }
  return { guards, ...(doubt ? { doubt } : {}) };
}
