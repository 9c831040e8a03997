// DRF routers filled by functions of other modules: `v2_api = DefaultRouter()` then
// `v2_api = add_engagement_urls(v2_api)` (or the bare call), where dojo/engagement/api/urls.py has
// `def add_engagement_urls(router): router.register("engagements", EngagementViewSet); return router`.
// The registrations are the function's, at its lines and in its file; a prefix may be a string
// constant of another module (`from dojo.notes.api import path`, path = "notes"). A call whose
// function or prefix cannot be read adds nothing.
import type { Node } from 'web-tree-sitter';
import { callArgs, kids, line, stringValue } from '../treeUtil';
import { dict } from '../../ownKeys';
import type { DjangoFacts, UrlConf, ViewRef } from './djangoFacts';

export type RouterReg = UrlConf['routers'][string]['regs'][number];

export interface RouterFactory {
  file: string;
  name: string;
  regs: RouterReg[];
}

/** Module-level `name = "text"`: constants a registration may take its prefix from. */
export function stringConstants(root: Node): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
    if (a?.type !== 'assignment' || a.childForFieldName('left')?.type !== 'identifier') continue;
    const v = stringValue(a.childForFieldName('right'));
    if (v !== undefined) (out ??= dict())[a.childForFieldName('left')!.text] = v;
  }
  return out;
}

/**
 * Module-level functions that register viewsets on the router they are handed (first parameter).
 * `prefixOf` reads a prefix argument (a literal, a constant of this module or an imported one).
 */
export function routerFactories(root: Node, file: string, viewRef: (n: Node) => ViewRef | undefined, prefixOf: (n: Node | undefined) => Pick<RouterReg, 'prefix' | 'prefixFrom'> | undefined): RouterFactory[] {
  const out: RouterFactory[] = [];
  for (const fn of kids(root).filter((k) => k.type === 'function_definition')) {
    const param = kids(fn.childForFieldName('parameters'))[0];
    if (param?.type !== 'identifier' || !fn.text.includes(`${param.text}.register(`)) continue;
    const regs: RouterReg[] = [];
    for (const call of fn.descendantsOfType('call')) {
      const f = call?.childForFieldName('function');
      if (!call || f?.type !== 'attribute' || f.childForFieldName('object')?.text !== param.text || f.childForFieldName('attribute')?.text !== 'register') continue;
      const args = callArgs(call).filter((x) => x.type !== 'keyword_argument');
      const prefix = prefixOf(args[0]);
      const view = args[1] && viewRef(args[1]);
      if (prefix && view) regs.push({ ...prefix, view, line: line(call), file });
    }
    if (regs.length) out.push({ file, name: fn.childForFieldName('name')!.text, regs });
  }
  return out;
}

/** The registrations each router gets from the factories it was handed to, in call order (the facts are left as they are). */
export function factoryRegs(facts: Pick<DjangoFacts, 'confs' | 'routerFactories' | 'constants'>): WeakMap<object, RouterReg[]> {
  const out = new WeakMap<object, RouterReg[]>();
  for (const conf of facts.confs) {
    for (const r of Object.values(conf.routers)) {
      const regs: RouterReg[] = [];
      for (const call of r.factoryCalls ?? []) {
        const f = facts.routerFactories?.find((x) => x.file === call.module && x.name === call.name);
        for (const reg of f?.regs ?? []) {
          const prefix = reg.prefixFrom ? facts.constants?.[reg.prefixFrom.module]?.[reg.prefixFrom.name] : reg.prefix;
          if (prefix !== undefined) regs.push({ ...reg, prefix });
        }
      }
      if (regs.length) out.set(r, regs);
    }
  }
  return out;
}
