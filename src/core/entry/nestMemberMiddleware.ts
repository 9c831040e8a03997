// A middleware a Nest module binds through an injected service's member:
// `consumer.apply(this.sessionHandleService.sessionMiddleware).forRoutes('/api/*')`, where the
// service's constructor holds `this.sessionMiddleware = session({ … })` of express-session (teable).
// The member's value is a package's middleware factory called once; when that package only sets
// up a session or passport and refuses nobody (knownGuards.ts `setupOnlyCall`), the binding is no
// guard. Any other member stays judged as before (by its name: unknown when it reads like auth).
import type { Node } from 'web-tree-sitter';
import { all, ancestor, kids, line, stringValue } from './treeUtil';
import { setupOnlyCall } from './frameworks/knownGuards';

/** A class member set once to a call of a package's export (`this.m = session({…})`, `m = helmet()`). */
export interface NestMemberFactory {
  cls: string;
  member: string;
  /** The package the called function is imported from. */
  spec: string;
  /** The call within the package, as knownGuards.ts writes it: `()` for the package's default, `name.()` for an export. */
  call: string;
  file: string;
  line: number;
}

/** `this.a.b` → the declared type of the enclosing class's field or constructor parameter `a`, and `b`. */
export function thisMemberOf(node: Node): { type: string; member: string } | undefined {
  const m = /^this\.([\w$]+)\.([\w$]+)$/.exec(node.text);
  if (!m) return undefined;
  const cls = ancestor(node, (n) => n.type === 'class_declaration');
  const body = cls?.childForFieldName('body');
  if (!body) return undefined;
  for (const k of kids(body)) {
    const params = k.type === 'method_definition' && k.childForFieldName('name')?.text === 'constructor' ? kids(k.childForFieldName('parameters')) : k.type === 'public_field_definition' ? [k] : [];
    for (const p of params) {
      const name = (p.childForFieldName('pattern') ?? p.childForFieldName('name'))?.text;
      const type = p.childForFieldName('type')?.namedChildren[0]?.text;
      if (name === m[1] && type && /^[\w$]+$/.test(type)) return { type, member: m[2] };
    }
  }
  return undefined;
}

/** What the file's imports from packages bind: local name → package and whether it is the default/namespace or a named export. */
function packageImports(root: Node): Map<string, { spec: string; named?: string }> {
  const out = new Map<string, { spec: string; named?: string }>();
  for (const imp of kids(root).filter((k) => k.type === 'import_statement')) {
    const spec = stringValue(imp.childForFieldName('source'));
    if (!spec || spec.startsWith('.')) continue;
    const clause = kids(imp).find((k) => k.type === 'import_clause');
    for (const c of kids(clause)) {
      if (c.type === 'identifier') out.set(c.text, { spec });
      else if (c.type === 'namespace_import') { const n = c.namedChildren[0]?.text; if (n) out.set(n, { spec }); }
    }
    for (const s of all(imp, 'import_specifier')) {
      const named = s.childForFieldName('name')?.text;
      const local = s.childForFieldName('alias')?.text ?? named;
      if (named && local) out.set(local, { spec, named });
    }
  }
  return out;
}

/** The call's package and path (`session(…)` of a default import: `()`; `passport.initialize()`: `initialize.()`). */
function packageCall(call: Node, imports: Map<string, { spec: string; named?: string }>): { spec: string; call: string } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') {
    const i = imports.get(fn.text);
    return i ? { spec: i.spec, call: i.named ? `${i.named}.()` : '()' } : undefined;
  }
  if (fn?.type === 'member_expression' && fn.childForFieldName('object')?.type === 'identifier') {
    const i = imports.get(fn.childForFieldName('object')!.text);
    const prop = fn.childForFieldName('property')?.text;
    return i && !i.named && prop ? { spec: i.spec, call: `${prop}.()` } : undefined;
  }
  return undefined;
}

/** The members of the file's classes set to a package call, in a field initializer or a constructor's `this.m = …`. */
export function findMemberFactories(root: Node, file: string, text: string): NestMemberFactory[] {
  if (!/@Injectable\b/.test(text) || !/\bimport\b/.test(text)) return [];
  const imports = packageImports(root);
  if (!imports.size) return [];
  const out: NestMemberFactory[] = [];
  for (const cls of all(root, 'class_declaration')) {
    const name = cls.childForFieldName('name')?.text;
    const body = cls.childForFieldName('body');
    if (!name || !body) continue;
    for (const k of kids(body)) {
      if (k.type === 'public_field_definition') {
        const v = k.childForFieldName('value');
        const pc = v?.type === 'call_expression' ? packageCall(v, imports) : undefined;
        const member = k.childForFieldName('name')?.text;
        if (pc && member) out.push({ cls: name, member, ...pc, file, line: line(k) });
      }
      if (k.type !== 'method_definition' || k.childForFieldName('name')?.text !== 'constructor') continue;
      for (const a of all(k, 'assignment_expression')) {
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        const m = left ? /^this\.([\w$]+)$/.exec(left.text) : null;
        const pc = m && right?.type === 'call_expression' ? packageCall(right, imports) : undefined;
        if (m && pc) out.push({ cls: name, member: m[1], ...pc, file, line: line(a) });
      }
    }
  }
  return out;
}

/** Why a binding of `this.a.b` is no guard: the member is a setup-only package middleware. */
export function setupOnlyMember(member: { type: string; member: string } | undefined, factories: NestMemberFactory[] | undefined): string | undefined {
  if (!member) return undefined;
  const hits = (factories ?? []).filter((f) => f.cls === member.type && f.member === member.member);
  // Set in several places (or in several classes of that name): only when every value is setup-only.
  if (!hits.length || !hits.every((h) => setupOnlyCall(h.spec, h.call))) return undefined;
  const h = hits[0];
  return `${member.type}.${member.member} (${h.file}:${h.line}) is ${h.spec}'s ${h.call === '()' ? 'middleware' : h.call.replace(/\.\(\)$/, '()')}, which sets up sessions or cookies and refuses nobody`;
}
