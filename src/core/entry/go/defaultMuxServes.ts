// Where a Go program serves net/http's package-level mux. The side-effect import
// `import _ "net/http/pprof"` registers its handlers on http.DefaultServeMux (declarations.ts),
// which answers requests only where the program serves it:
//
//     http.ListenAndServe(addr, nil)            http.Serve(l, nil)       (a nil handler)
//     &http.Server{Addr: addr}                  Handler left out, nil or http.DefaultServeMux
//     r.Handle("/debug/", http.DefaultServeMux) the mux handed anywhere as a value
//
// A service whose main router is its own (chi, gin, a mux of its own in an http.Server) and that
// starts a profiling server only under a setting a fresh install leaves off (wakapi's
// `if config.EnablePprof { go func() { http.ListenAndServe("127.0.0.1:6060", nil) }() }`) does not
// serve the import's routes; one that never serves the mux at all (navidrome imports it and serves
// its own router) neither. Each serve is kept with the settings tests above it (configValues.ts
// `condsAbove`, null for a test not read); link.ts keeps the import's routes when any serve is
// unconditional, unread, or under settings the defaults do not rule out.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids } from '../treeUtil';
import { condsAbove, type SettingCond } from './configValues';

const SERVE_FNS = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS']);

/** The settings tests above each place this file serves http.DefaultServeMux (null: a test not read). */
export function defaultMuxServes(root: Node, imports: Record<string, { path: string }>, setting: (n: Node) => string | undefined): (SettingCond[] | null)[] {
  const http = Object.entries(imports).filter(([, v]) => v.path === 'net/http').map(([k]) => k);
  if (!http.length) return [];
  const isHttp = (n: Node | null | undefined): boolean => n?.type === 'identifier' && http.includes(n.text);
  const out: (SettingCond[] | null)[] = [];
  for (const sel of all(root, 'selector_expression')) {
    if (!isHttp(sel.childForFieldName('operand'))) continue;
    const field = sel.childForFieldName('field')?.text ?? '';
    const parent = sel.parent;
    // `http.DefaultServeMux` as a value: handed to a server, mounted, wrapped.
    if (field === 'DefaultServeMux') out.push(condsAbove(sel, setting));
    // `http.ListenAndServe(addr, nil)`: a nil handler is the package mux.
    else if (SERVE_FNS.has(field) && parent?.type === 'call_expression' && parent.childForFieldName('function')?.startIndex === sel.startIndex) {
      const args = callArgs(parent);
      if (args[args.length - 1]?.type === 'nil') out.push(condsAbove(parent, setting));
    }
  }
  // `http.Server{Addr: addr}`: a server without its own handler serves the package mux.
  for (const lit of all(root, 'composite_literal')) {
    const t = lit.childForFieldName('type');
    if (t?.type !== 'qualified_type' || t.childForFieldName('name')?.text !== 'Server' || !http.includes(t.childForFieldName('package')?.text ?? '')) continue;
    const unwrap = (x: Node): Node => (x.type === 'literal_element' ? x.namedChildren[0] ?? x : x);
    const handler = kids(lit.childForFieldName('body')).filter((k) => k.type === 'keyed_element').map((ke) => kids(ke).map(unwrap)).find(([k]) => k?.text === 'Handler');
    if (!handler || handler[1]?.type === 'nil') out.push(condsAbove(lit, setting));
  }
  return out;
}
