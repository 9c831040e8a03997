// A JS/TS file's imports and exports → facts: `import … from`, `export … from`, `export *`,
// exported declarations and `export default`. A layer of the extractor between jsFactsBase.ts and
// jsFactsStatements.ts, which reads the statement an export declares.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Op } from './types';
import { line, named, stringText } from './jsNodes';
import { JsFactsBase } from './jsFactsBase';

export abstract class JsFactsModules extends JsFactsBase {
  protected importStatement(s: Node): void {
    const source = s.childForFieldName('source');
    const spec = source ? stringText(source) : undefined;
    if (spec === undefined) return;
    const clause = named(s).find((k) => k.type === 'import_clause');
    if (!clause) {
      this.facts.imports.push({ local: '', spec, name: '*', line: line(s), sideEffect: true });
      return;
    }
    for (const c of named(clause)) {
      if (c.type === 'identifier') this.facts.imports.push({ local: c.text, spec, name: 'default', line: line(s) });
      else if (c.type === 'namespace_import') {
        const id = named(c).find((k) => k.type === 'identifier');
        if (id) this.facts.imports.push({ local: id.text, spec, name: '*', line: line(s) });
      } else if (c.type === 'named_imports') {
        for (const sp of named(c)) {
          if (sp.type !== 'import_specifier') continue;
          const name = sp.childForFieldName('name')?.text ?? '';
          const alias = sp.childForFieldName('alias')?.text ?? name;
          this.facts.imports.push({ local: alias, spec, name: name.replace(/^['"]|['"]$/g, ''), line: line(s) });
        }
      }
    }
  }

  protected exportStatement(s: Node, ops: Op[], hoisted: Op[]): void {
    const source = s.childForFieldName('source');
    const spec = source ? stringText(source) : undefined;
    const decl = s.childForFieldName('declaration');
    const value = s.childForFieldName('value');
    const isDefault = s.children.some((c) => c?.type === 'default');
    const clause = named(s).find((k) => k.type === 'export_clause');
    if (clause) {
      for (const sp of named(clause)) {
        const name = sp.childForFieldName('name')?.text;
        const alias = sp.childForFieldName('alias')?.text ?? name;
        if (!name || !alias) continue;
        this.facts.exports.push([alias, spec !== undefined ? ['imp', spec, name] : ['id', name]]);
      }
      return;
    }
    if (spec !== undefined) {
      // `export * from './x'`, `export * as ns from './x'`
      const ns = named(s).find((k) => k.type === 'namespace_export');
      const alias = ns ? named(ns)[0]?.text : undefined;
      this.facts.exports.push([alias ?? '*', ['imp', spec, '*']]);
      return;
    }
    if (decl) {
      this.statement(decl, ops, hoisted);
      if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
        for (const d of named(decl)) {
          const n = d.childForFieldName('name');
          if (n?.type === 'identifier') this.facts.exports.push([n.text, ['id', n.text]]);
        }
      } else {
        const name = decl.childForFieldName('name')?.text;
        if (name) this.facts.exports.push([isDefault ? 'default' : name, ['id', name]]);
        else if (isDefault) {
          // `export default function () {}` / `export default class {}`: the hoisted entry has a generated name.
          const last = hoisted[hoisted.length - 1];
          if (last && last[0] === 'let') this.facts.exports.push(['default', ['id', last[1]]]);
        }
      }
      return;
    }
    if (value) this.facts.exports.push(['default', this.expr(value, 'default')]);
  }

  protected abstract statement(s: Node, ops: Op[], hoisted: Op[]): void;
}
