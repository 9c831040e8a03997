// A Python file's imports as the route detector needs them: which framework it imports (Flask,
// Quart — Flask's API, read as Flask — or FastAPI), star imports of the service's modules, names imported from a module of the service
// (`from app.api import users_router` → an alias to that module's name) and modules imported
// whole (`from app.api import users`, `import app.api.users as users` → the module file, for
// `users.router`).
import type { Node } from 'web-tree-sitter';
import type { ModuleIndex } from '../resolveModule';
import type { FileDecls, Ref } from '../types';
import { all, kids } from '../treeUtil';

/** Reads the imports into `d` (framework, star imports, aliases) and returns local name → module file. */
export function readPyImports(root: Node, file: string, modules: ModuleIndex, d: FileDecls): Map<string, string> {
  const py = d.py!;
  const key = (name: string): Ref => `${file}#${name}`;
  const moduleAlias = new Map<string, string>();

  for (const imp of all(root, 'import_from_statement')) {
    const modNode = imp.childForFieldName('module_name');
    if (!modNode) continue;
    const mod = modNode.text;
    if (/^(flask|fastapi|quart)\b/.test(mod)) py.importsFramework ??= mod.startsWith('fastapi') ? 'fastapi' : 'flask';
    const target = modules.resolvePy(file, mod);
    if (target && imp.namedChildren.some((n) => n?.type === 'wildcard_import')) (py.starImports ??= []).push(target);
    for (const n of imp.childrenForFieldName('name')) {
      if (!n) continue;
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text;
      const sub = modules.resolvePy(file, mod.endsWith('.') ? mod + name : `${mod}.${name}`);
      if (sub && sub !== target) moduleAlias.set(alias, sub);
      // `from pkg import Watch` where pkg/__init__.py binds Watch (`from .Watch import Watch`): Python gives the
      // package's attribute before the submodule, so the bare name is also followed there (`Watch.x` stays the module's).
      if (target && sub !== target) d.aliases[key(alias)] = `import:${target}#${name}`;
    }
  }
  for (const imp of all(root, 'import_statement')) {
    for (const n of kids(imp)) {
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text;
      if (/^(flask|fastapi|quart)\b/.test(name)) py.importsFramework ??= name.startsWith('fastapi') ? 'fastapi' : 'flask';
      const target = modules.resolvePy(file, name);
      if (target) moduleAlias.set(alias, target);
    }
  }
  return moduleAlias;
}
