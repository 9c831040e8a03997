// A router kept in a package-level variable: `var APIv1 *gin.RouterGroup`, set in one function
// (`APIv1 = router.Group(…)`) and used in others, often in other files of the package
// (`api.CreateSession(APIv1)`). Files are read one at a time, so such a variable is a name of its
// own, `N:dir#Name`: assigning a router to it (or declaring it with one) is an alias edge, and a
// use of a name no enclosing function binds or declares is that name. When linked, a name no
// router was ever assigned to stays out of every chain: it was some other package-level value.
import type { GoNode as Node } from './goNode';
import { all } from '../treeUtil';
import { FN, type GoScope } from './scope';
import type { GoRef } from './types';

const BUILTIN = new Set(['nil', 'true', 'false', 'iota', '_']);

export const isPackageVarRef = (r: GoRef): boolean => r.startsWith('N:');

export interface PackageVars {
  /** `N:dir#Name` when the identifier is a package-level name, else undefined. */
  refOf(n: Node): GoRef | undefined;
}

export function packageVars(dir: string, imports: Record<string, unknown>, lookup: GoScope['lookup']): PackageVars {
  // The names each function declares itself (`var r *gin.Engine`, `r := …`), by its start.
  const declared = new Map<number, Set<string>>();
  const declaresIn = (fn: Node, name: string): boolean => {
    let names = declared.get(fn.startIndex);
    if (!names) {
      names = new Set();
      for (const v of all(fn, 'var_spec')) for (const id of v.childrenForFieldName('name')) if (id) names.add(id.text);
      for (const d of all(fn, 'short_var_declaration')) for (const id of d.childForFieldName('left')?.namedChildren ?? []) if (id?.type === 'identifier') names.add(id.text);
      for (const p of all(fn.childForFieldName('parameters') ?? fn, 'parameter_declaration')) for (const id of p.childrenForFieldName('name')) if (id) names.add(id.text);
      declared.set(fn.startIndex, names);
    }
    return names.has(name);
  };
  return {
    refOf(n) {
      if (n.type !== 'identifier' || BUILTIN.has(n.text) || imports[n.text] || lookup(n)) return undefined;
      for (let p = n.parent; p; p = p.parent) if (FN.includes(p.type) && declaresIn(p, n.text)) return undefined;
      return `N:${dir}#${n.text}`;
    },
  };
}
