// A FastAPI app or router built by a factory of the module and bound at module level under
// another name: `def create_api(): api = FastAPI(); …include_router…; return api` then
// `api_v1 = create_api()`, mounted elsewhere (`app.mount("/api/v1", api_v1)`). The routers are
// included on the factory's local `api`; returnAliases makes `create_api()` stand for it, and this
// makes `api_v1` stand for `create_api()`, so the mount reaches them. Without it the sub-app's
// routes lose the mount path.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Ref } from '../types';
import { kids } from '../treeUtil';

export function factoryResultAliases(root: Node, d: FileDecls, key: (name: string) => Ref): void {
  if (!/\bfastapi\b/.test(root.text)) return;
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    const right = a?.childForFieldName('right');
    const fn = right?.type === 'call' ? right.childForFieldName('function') : undefined;
    if (left?.type !== 'identifier' || fn?.type !== 'identifier' || right!.childForFieldName('arguments')?.namedChildren.length) continue;
    const returned = d.aliases[key(`${fn.text}()`)];
    // The same name inside and out is one key already (and aliasing it would make a cycle).
    if (!returned || returned === key(left.text) || d.aliases[key(left.text)] !== undefined) continue;
    d.aliases[key(left.text)] = key(`${fn.text}()`);
  }
}
