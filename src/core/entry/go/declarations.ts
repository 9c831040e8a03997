// What a Go file declares, read before its statements: imports (with the folder of each package
// that is in this repository), struct types with their field types, package-level string
// constants, and the routes a side-effect import registers (`import _ "net/http/pprof"`).
import type { GoNode as Node } from './goNode';
import type { ModuleIndex } from '../resolveModule';
import { all, kids, line, stringValue } from '../treeUtil';
import { frameworkOfImport } from './frameworks';
import type { GoField, GoFileFacts } from './types';
import { tagDefault } from './settings';
import { tagKey } from './yamlSettings';
import { dict } from '../../ownKeys';

/** Fills imports, structs, consts (and pprof routes) into facts; returns how a type node is named across packages. */
export function readDeclarations(root: Node, facts: GoFileFacts, modules: ModuleIndex, frameworks: Set<string>): (t: Node | null | undefined) => string | undefined {
  const { file, dir } = facts;
  for (const spec of all(root, 'import_spec')) {
    const p = stringValue(spec.childForFieldName('path')) ?? '';
    // `gopkg.in/macaron.v1` is package `macaron`: gopkg.in puts the major version after a dot.
    const name = spec.childForFieldName('name')?.text ?? (p.split('/').filter((s) => !/^v\d+$/.test(s)).pop() ?? p).replace(/(?<=^\w[\w-]*)\.v\d+$/, '');
    facts.imports[name] = { path: p, dir: modules.resolveGoDir(p) };
    // `github.com/casbin/gin-authz` is package `authz`: a dashed folder is usually named by its last word.
    if (!spec.childForFieldName('name') && name.includes('-')) facts.imports[name.split('-').pop()!] = facts.imports[name];
    const fw = frameworkOfImport(p);
    if (fw) frameworks.add(fw);
    // A side-effect import that registers handlers on http.DefaultServeMux.
    if (p === 'net/http/pprof' && name === '_') {
      for (const sub of ['', 'cmdline', 'profile', 'symbol', 'trace']) {
        facts.routers['G:DefaultServeMux'] = 'net/http';
        facts.routes.push({ router: 'G:DefaultServeMux', method: 'ANY', path: [{ lit: `/debug/pprof/${sub}${sub ? '' : '*'}` }], fnKey: '', handler: `pprof ${sub || 'Index'} (import _ "net/http/pprof")`, guards: [], file, line: line(spec), order: spec.startIndex, framework: 'net/http', imported: true });
      }
    }
  }
  const typeKey = (t: Node | null | undefined): string | undefined => {
    if (!t) return undefined;
    if (t.type === 'pointer_type') return typeKey(t.namedChildren[0]);
    // `RouterGroup[T]`, `router.Router[*core.RequestEvent]`: an instance of a generic type is that type.
    if (t.type === 'generic_type') return typeKey(t.childForFieldName('type'));
    if (t.type === 'type_identifier') return `${dir}#${t.text}`;
    if (t.type === 'qualified_type') {
      const imp = facts.imports[t.childForFieldName('package')?.text ?? ''];
      return imp?.dir !== undefined ? `${imp.dir}#${t.childForFieldName('name')?.text}` : imp ? `ext:${imp.path}#${t.childForFieldName('name')?.text}` : undefined;
    }
    // `var Config = struct { Server struct { RootPath string } }{}`: an anonymous struct is a type of its own, named by its place.
    if (t.type === 'struct_type') return `${dir}#${anonStruct(t)}`;
    return undefined;
  };
  const anonStruct = (st: Node): string => {
    const name = `struct@${file}:${st.startIndex}`;
    if (facts.structs[name]) return name;
    const fields: Record<string, GoField> = dict();
    facts.structs[name] = { fields };
    for (const fd of kids(kids(st).find((k) => k.type === 'field_declaration_list') ?? null)) {
      if (fd.type !== 'field_declaration') continue;
      const t = fd.childForFieldName('type');
      const tk = typeKey(t) ?? t?.text ?? '';
      const def = tagDefault(fd);
      for (const n of fd.childrenForFieldName('name')) if (n) fields[n.text] = { type: tk, embedded: false, ...(def !== undefined ? { default: def, line: line(fd) } : {}) };
    }
    return name;
  };

  for (const spec of all(root, 'type_spec')) {
    const st = spec.childForFieldName('type');
    if (st?.type !== 'struct_type') continue;
    const fields: Record<string, GoField> = dict();
    // A configuration struct (a field tagged `mapstructure:"lang"`): its untagged fields (`App App`) read their names
    // in lower case, as yaml.v3 writes them and mapstructure matches them (case-insensitively).
    const cfgStruct = all(st, 'field_declaration').some((fd) => tagKey(fd) !== undefined);
    for (const fd of all(st, 'field_declaration')) {
      const t = fd.childForFieldName('type');
      const tk = typeKey(t) ?? t?.text ?? '';
      const names = fd.childrenForFieldName('name').filter(Boolean) as Node[];
      // An embedded generic (`*RouterGroup[T]`) is the field named by its type, without the arguments.
      if (names.length === 0 && t) fields[(t.type === 'pointer_type' ? t.namedChildren[0] : t)?.text.replace(/\[.*$/s, '').split('.').pop() ?? ''] = { type: tk, embedded: true };
      const def = tagDefault(fd);
      const untagged = cfgStruct && !fd.childForFieldName('tag');
      for (const n of names) {
        const key = tagKey(fd) ?? (untagged && /^[A-Z]/.test(n.text) ? n.text.toLowerCase() : undefined);
        fields[n.text] = { type: tk, embedded: false, ...(def !== undefined ? { default: def, line: line(fd) } : {}), ...(key ? { cfgKey: key } : {}) };
      }
    }
    facts.structs[spec.childForFieldName('name')!.text] = { fields };
  }
  // `EndpointPathToken = EndpointPathRoot + "/" + EndpointToken`: a sum of literals and constants of
  // the file is a constant too; read until nothing more folds, so the order of the specs does not matter.
  const specs = all(root, ['const_spec', 'var_spec']).filter((cs) => cs.parent?.parent?.type === 'source_file' || cs.parent?.type === 'source_file');
  for (let pending = specs, before = -1; pending.length && pending.length !== before; ) {
    before = pending.length;
    pending = pending.filter((cs) => {
      const value = cs.childForFieldName('value')?.namedChildren[0];
      const v = cs.type === 'const_spec' ? constString(value, facts.consts) : stringValue(value);
      if (v !== undefined) facts.consts[cs.childForFieldName('name')!.text] = v;
      return v === undefined && cs.type === 'const_spec';
    });
  }
  // Typed constants, so that one prints through its type's String() method: in a const block a
  // spec without a value repeats the type of the one before (`A LinkType = iota; B; C`).
  for (const block of all(root, 'const_declaration')) {
    if (block.parent?.type !== 'source_file') continue;
    let last: string | undefined;
    for (const spec of kids(block)) {
      if (spec.type !== 'const_spec') continue;
      const t = spec.childForFieldName('type');
      if (t) last = typeKey(t);
      else if (spec.childForFieldName('value')) last = undefined;
      if (!last) continue;
      for (const n of spec.childrenForFieldName('name')) if (n) facts.constTypes[n.text] = last;
    }
  }

  return typeKey;
}

/** A string literal, a constant already read, or a `+` of those; undefined otherwise. */
function constString(n: Node | null | undefined, consts: Record<string, string>): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return Object.hasOwn(consts, n.text) ? consts[n.text] : undefined;
  if (n.type === 'parenthesized_expression') return constString(n.namedChildren[0], consts);
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
    const l = constString(n.childForFieldName('left'), consts);
    const r = l === undefined ? undefined : constString(n.childForFieldName('right'), consts);
    return l === undefined || r === undefined ? undefined : l + r;
  }
  return stringValue(n);
}
