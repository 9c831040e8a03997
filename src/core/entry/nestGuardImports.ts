// Which guard class a name means in the file that names it. A service may hold two guard classes of
// one name (teable: the sign-in `AuthGuard` of features/auth and the share-link `AuthGuard` of
// features/share); the file that attaches one (`@UseGuards(AuthGuard)`, an APP_GUARD provider)
// imports it from one of them, maybe under another name (`import { AuthGuard as ShareAuthGuard }`).
// Only relative imports are read: a name from a package or a path alias leaves every class of that
// name in play, as before.
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { all, kids, stringValue } from './treeUtil';
import { stem } from './nestRouterModule';

/** One class name a file imports from a file of the repository. */
export interface NestGuardImport {
  file: string;
  /** The name the file uses. */
  local: string;
  /** The name the other file exports it as. */
  imported: string;
  /** The other file, without extension (nestRouterModule.ts `stem`). */
  from: string;
}

/** Files that attach guards or define them (a guard's parent class is named in its own file). */
const NAMES_GUARDS = /UseGuards|APP_GUARD|useGlobalGuards|canActivate|AuthGuard/;

export function findGuardImports(root: Node, file: string, text: string): NestGuardImport[] {
  if (!NAMES_GUARDS.test(text)) return [];
  const out: NestGuardImport[] = [];
  for (const imp of kids(root).filter((k) => k.type === 'import_statement')) {
    const spec = stringValue(imp.childForFieldName('source'));
    if (!spec?.startsWith('.')) continue;
    for (const s of all(imp, 'import_specifier')) {
      const imported = s.childForFieldName('name')?.text;
      const local = s.childForFieldName('alias')?.text ?? imported;
      // Class names only: guards are classes (or mixins named like them).
      if (imported && local && /^[A-Z]/.test(local)) out.push({ file, local, imported, from: stem(path.posix.join(path.posix.dirname(file), spec)) });
    }
  }
  return out;
}

/** Imports by the file that uses the name and the name it uses. */
export function guardImportIndex(imports: NestGuardImport[]): Map<string, NestGuardImport> {
  return new Map(imports.map((i) => [`${i.file}\0${i.local}`, i]));
}

/**
 * The classes `name` may mean where `usedIn` names it, out of those of its name (`defsByName`):
 * the one its import points at, or the file's own; all of them when neither tells.
 */
export function classesNamed<T extends { file: string }>(defsByName: Map<string, T[]>, imports: Map<string, NestGuardImport>, name: string, usedIn?: string): T[] {
  const imp = usedIn ? imports.get(`${usedIn}\0${name}`) : undefined;
  const defs = defsByName.get(name) ?? (imp ? defsByName.get(imp.imported) : undefined) ?? [];
  if (defs.length < 2 || !usedIn) return defs;
  const from = imp?.from ?? stem(usedIn);
  const mine = defs.filter((d) => stem(d.file) === from);
  return mine.length ? mine : defs;
}
