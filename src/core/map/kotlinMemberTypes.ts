// Kotlin's part of memberTypes.ts: class members (constructor properties, typed `val`/`var` in the
// body, the constructed base class as `super`) and a function's own typed values, under the same
// owner paths the other languages use.
import type { Node } from 'web-tree-sitter';

/** Kotlin: `class A(private val repo: Repo)` constructor properties and `val x: T` in the class body. */
export function kotlinMembers(node: Node, owner: string, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  for (const c of node.namedChildren) {
    if (!c || (c.type !== 'class_declaration' && c.type !== 'object_declaration')) continue;
    const name = c.childForFieldName('name')?.text;
    if (!name) continue;
    const path = owner ? `${owner}.${name}` : name;
    // `class A : Base(), Iface`: the base class is the one constructed.
    const base = c.namedChildren.find((k) => k?.type === 'delegation_specifiers')?.namedChildren.find((k) => k?.namedChildren[0]?.type === 'constructor_invocation');
    put(path, 'super', base?.namedChildren[0]?.namedChildren.find((k) => k?.type === 'user_type')?.text);
    const params = c.namedChildren.find((k) => k?.type === 'primary_constructor')?.namedChildren.find((k) => k?.type === 'class_parameters');
    for (const p of params?.namedChildren ?? []) {
      if (p?.type !== 'class_parameter' || !/(^|\s)(val|var)\s/.test(p.text)) continue;
      const kids = p.namedChildren.filter((k): k is Node => !!k);
      put(path, kids.find((k) => k.type === 'identifier')?.text, kids.find((k) => k.type === 'user_type' || k.type === 'nullable_type')?.text.replace(/\?$/, ''));
    }
    const body = c.namedChildren.find((k) => k?.type === 'class_body');
    for (const m of body?.namedChildren ?? []) {
      if (m?.type !== 'property_declaration') continue;
      const v = m.namedChildren.find((k) => k?.type === 'variable_declaration');
      const vk = v?.namedChildren.filter((k): k is Node => !!k) ?? [];
      put(path, vk.find((k) => k.type === 'identifier')?.text, vk.find((k) => k.type === 'user_type' || k.type === 'nullable_type')?.text.replace(/\?$/, ''));
    }
    if (body) kotlinMembers(body, path, put);
  }
}

/**
 * Kotlin: a function's own values declared with a type (`val repository: SongRepository by inject()`,
 * `val repo: Repo = Repo(db)`), given by the function's path (memberTypes.ts files them as it does Go locals): a Ktor routing
 * function keeps its services so, and its handler lambdas call them (`repository.get(id)`).
 * A name declared twice with different types in one function is left out.
 */
export function kotlinLocals(root: Node, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  const bound = new Map<string, Map<string, string | null>>();
  for (const fn of root.descendantsOfType('function_declaration')) {
    if (!fn) continue;
    const path: string[] = [];
    for (let p: Node | null = fn; p; p = p.parent) {
      if (p.type === 'function_declaration' || p.type === 'class_declaration' || p.type === 'object_declaration') {
        const n = p.childForFieldName('name')?.text;
        if (!n) return;
        path.unshift(n);
      }
    }
    const body = fn.namedChildren.find((k) => k?.type === 'function_body');
    if (!body) continue;
    const key = path.join('.');
    for (const d of body.descendantsOfType('property_declaration')) {
      const v = d?.namedChildren.find((k) => k?.type === 'variable_declaration');
      const vk = v?.namedChildren.filter((k): k is Node => !!k) ?? [];
      const name = vk.find((k) => k.type === 'identifier' || k.type === 'simple_identifier')?.text;
      const type = vk.find((k) => k.type === 'user_type' || k.type === 'nullable_type')?.text.replace(/\?$/, '');
      if (!name || !type) continue;
      const locals = bound.get(key) ?? bound.set(key, new Map()).get(key)!;
      const had = locals.get(name);
      locals.set(name, had === undefined || had === type ? type : null);
    }
  }
  for (const [fn, locals] of bound) for (const [name, type] of locals) if (type) put(fn, name, type);
}
