// Where the Go code mounts a grpc-gateway or Connect mux in another router (`g.Any("/api/v1/*",
// echo.WrapHandler(gwMux))`, `r.Mount("/", h)` with `h := http.MaxBytesHandler(connectMux, n)`). The
// mux answers every path it has no route for with a 404, so that mount is no route of its own: its
// routes are the bindings (grpcGateway.ts). What guards the mount (the router's middleware) guards
// them too, which matters when the mux has no middleware of its own.
import type { EntryPoint } from '../types';
import type { GatewayRegistration } from './grpcGateway';
import type { GoFuncText } from './goText';
import { blankGo, closeParen, splitArgs } from './goText';

type FuncIndex = Map<string, Map<string, (GoFuncText & { file: string })[]>>;

interface MuxSite {
  file: string;
  body: string;
  line: number;
  muxes: string[];
}

/** The functions holding the mux a registration serves on: the registering one, or (Connect, the mux a parameter) its callers that make it. */
function muxSites(reg: GatewayRegistration, funcs: FuncIndex): MuxSite[] {
  if (reg.kind === 'gateway') {
    const mux = reg.args[1]?.trim();
    return mux && /^\w+$/.test(mux) ? [{ file: reg.file, body: reg.body, line: reg.bodyLine, muxes: [mux] }] : [];
  }
  const out: MuxSite[] = [];
  const dir = reg.file.includes('/') ? reg.file.slice(0, reg.file.lastIndexOf('/')) : '';
  if (!reg.fnName) return out;
  const call = new RegExp(`\\b${reg.fnName}\\s*\\(`, 'g');
  for (const fs of funcs.get(dir)?.values() ?? []) {
    for (const f of fs) {
      const src = blankGo(f.body);
      const made = new Set([...src.matchAll(/\b(\w+)\s*:?=\s*(?:\w+\.)?NewServeMux\s*\(/g)].map((m) => m[1]));
      const muxes: string[] = [];
      for (const m of src.matchAll(call)) {
        const open = m.index + m[0].length - 1;
        for (const a of splitArgs(f.body.slice(open + 1, closeParen(src, open)))) if (made.has(a)) muxes.push(a);
      }
      if (muxes.length) out.push({ file: f.file, body: f.body, line: f.line, muxes });
    }
  }
  return out;
}

/** The Go routes whose handler is the registration's mux, directly or through local variables wrapping it. */
export function muxMounts(reg: GatewayRegistration, funcs: FuncIndex, goEntries: EntryPoint[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const site of muxSites(reg, funcs)) {
    const src = blankGo(site.body);
    const names = new Set(site.muxes);
    // `handler := echo.WrapHandler(http.MaxBytesHandler(gwMux, n))`: a name for the wrapped mux.
    for (let grew = true; grew; ) {
      grew = false;
      for (const m of src.matchAll(/\b(\w+)\s*:?=\s*([^\n]*)/g)) {
        if (names.has(m[1])) continue;
        if ([...names].some((n) => new RegExp(`\\b${n}\\b`).test(m[2]))) grew = !!names.add(m[1]);
      }
    }
    const last = site.line + site.body.split('\n').length - 1;
    const mentions = (h: string): boolean => [...names].some((n) => new RegExp(`\\b${n}\\b`).test(h));
    for (const e of goEntries) if (e.file === site.file && e.line >= site.line && e.line <= last && e.path.endsWith('*') && mentions(e.handler)) out.push(e);
  }
  return out;
}
