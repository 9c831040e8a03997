// Imports of a file as the map query captures them, one RawImport per source: ES imports and
// re-exports, require(), Python, Go, Java and Kotlin imports with their names, aliases and
// wildcards. Separate from extractFile.ts's walk: each language's import forms are their own job.
import type { Node, QueryCapture } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import type { RawImport } from './facts';
import { dict, getOwn } from '../ownKeys';

export function addImport(bySource: Map<number, RawImport>, caps: QueryCapture[], language: LanguageId): void {
  let source: Node | undefined;
  let fn: string | undefined;
  let name: string | undefined;
  let alias: string | undefined;
  let def: string | undefined;
  let ns: string | undefined;
  let wildcard = false;
  for (const c of caps) {
    switch (c.name) {
      case 'import.source':
        source = c.node;
        break;
      case 'import.fn':
        fn = c.node.text;
        break;
      case 'import.name':
        name = c.node.text;
        break;
      case 'import.alias':
        alias = c.node.text;
        break;
      case 'import.default':
        def = c.node.text;
        break;
      case 'import.namespace':
        ns = c.node.text;
        break;
      case 'import.wildcard':
        wildcard = true;
        break;
    }
  }
  if (!source) return;
  if (fn !== undefined && fn !== 'require') return;
  const key = source.startIndex;
  let imp = bySource.get(key);
  if (!imp) {
    let specifier = source.text;
    let isStatic = false;
    if (language === 'go') specifier = specifier.replace(/^["`]|["`]$/g, '');
    if (language === 'kotlin') {
      const decl = caps[0].node.text;
      wildcard = /\.\s*\*\s*;?\s*$/.test(decl);
      alias = /\bas\s+(\w+)\s*;?\s*$/.exec(decl)?.[1];
    }
    if (language === 'java') {
      const decl = caps[0].node.text;
      isStatic = /^import\s+static\b/.test(decl);
      wildcard = /\.\s*\*\s*;?\s*$/.test(decl);
    }
    imp = { specifier, names: dict(), line: source.startPosition.row + 1 };
    if (isStatic) imp.isStatic = true;
    if (caps.find((c) => c.name === 'import')?.node.type === 'export_statement') imp.reexport = true;
    const barrelKey = fn === 'require' ? commonJsBarrelKey(source) : undefined;
    if (barrelKey !== undefined) {
      // Read as `export { key } from './key'`: the required module's function of that name, the
      // way a default import is resolved by its name (a module whose export is an object stays unresolved).
      imp.reexport = true;
      imp.names[barrelKey] = barrelKey;
    } else if (fn === 'require' && isWholeCommonJsReexport(source)) {
      // `module.exports = require('./utils')`: every name of that module, as `export * from './utils'`.
      imp.reexport = true;
    }
    bySource.set(key, imp);
    if (language === 'go') imp.names[alias ?? goPackageName(specifier)] = '*';
    if (language === 'java' || language === 'kotlin') {
      const last = specifier.slice(specifier.lastIndexOf('.') + 1);
      if (wildcard) imp.names['*'] = '*';
      else imp.names[alias ?? last] = last;
    }
    if (language === 'python' && caps[0].node.type === 'import_statement') imp.names[ns ?? specifier] = '*';
  } else if (language === 'go' && alias && getOwn(imp.names, alias) === undefined) {
    // `feedHandler "…/reader/handler"` matches the query's plain pattern too: when that match came
    // first, the package is known in this file by its alias only, not by its last path segment.
    delete imp.names[goPackageName(imp.specifier)];
    imp.names[alias] = '*';
  }
  if (wildcard) {
    imp.wildcard = true;
    if (language === 'python') imp.names['*'] = '*';
  }
  if (language === 'go' || language === 'java' || language === 'kotlin') return;
  if (def) imp.names[def] = 'default';
  if (ns && language !== 'python') imp.names[ns] = '*';
  if (name) imp.names[alias ?? name] = name;
}

/**
 * The name an unaliased Go import binds: the package's own name, which by Go's convention (the
 * rule goimports assumes) is the path's last element without a major-version element
 * (`zgo.at/goatcounter/v2` → `goatcounter`, `github.com/go-chi/chi/v5` → `chi`), a `go-` prefix
 * or what follows the first character no identifier holds (`go-limiter` → `limiter`, `yaml.v3` → `yaml`).
 */
export function goPackageName(path: string): string {
  const elems = path.split('/');
  let base = elems[elems.length - 1];
  if (/^v\d+$/.test(base) && elems.length > 1) base = elems[elems.length - 2];
  base = base.replace(/^go-/, '');
  const cut = base.search(/[^\p{L}\p{N}_]/u);
  return cut > 0 ? base.slice(0, cut) : base;
}

/** `module.exports = require('./x')`: the module is the other one, whole. */
function isWholeCommonJsReexport(source: Node): boolean {
  let call: Node | null = source.parent;
  for (let i = 0; call && call.type !== 'call_expression' && i < 3; i++) call = call.parent;
  if (call?.type !== 'call_expression') return false;
  const holder = call.parent;
  return holder?.type === 'assignment_expression' && holder.childForFieldName('right')?.startIndex === call.startIndex && holder.childForFieldName('left')?.text === 'module.exports';
}

/**
 * `module.exports = { fetchData: require('./fetch-data') }` and `exports.fetchData =
 * require('./fetch-data')`: a CommonJS barrel, whose key is a name the module exports. A call
 * `data.fetchData()` through such an index file was left unresolved.
 */
function commonJsBarrelKey(source: Node): string | undefined {
  let call: Node | null = source.parent;
  for (let i = 0; call && call.type !== 'call_expression' && i < 3; i++) call = call.parent;
  const holder = call?.type === 'call_expression' ? call.parent : undefined;
  if (!call || !holder) return undefined;
  if (holder.type === 'pair') {
    const assignment = holder.parent?.type === 'object' ? holder.parent.parent : undefined;
    const left = assignment?.type === 'assignment_expression' ? assignment.childForFieldName('left')?.text : undefined;
    const key = holder.childForFieldName('key');
    if (!left || !/^(module\.)?exports$/.test(left) || !key) return undefined;
    const name = key.type === 'string' ? key.text.slice(1, -1) : key.text;
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
  }
  if (holder.type === 'assignment_expression' && holder.childForFieldName('right')?.startIndex === call.startIndex) {
    const left = holder.childForFieldName('left')?.text ?? '';
    const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left);
    if (m) return m[1];
    // `const Api = module.exports; Api.rules = require('./rules')`: the same, through the alias.
    const viaAlias = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(left);
    if (viaAlias && holder.parent?.type === 'expression_statement' && holder.parent.parent?.type === 'program' && aliasesExports(holder.parent.parent, viaAlias[1]!)) return viaAlias[2];
  }
  return undefined;
}

/** Whether the top level of `program` declares `name` as the module's exports (`const Api = module.exports`). */
function aliasesExports(program: Node, name: string): boolean {
  for (const st of program.namedChildren) {
    if (st?.type !== 'lexical_declaration' && st?.type !== 'variable_declaration') continue;
    for (const d of st.namedChildren) {
      if (d?.type !== 'variable_declarator' || d.childForFieldName('name')?.text !== name) continue;
      return /^(module\.)?exports$/.test(d.childForFieldName('value')?.text ?? '');
    }
  }
  return false;
}
