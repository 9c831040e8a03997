// grpc-gateway (github.com/grpc-ecosystem/grpc-gateway): REST routes generated from the
// `option (google.api.http)` bindings of a .proto service. The Go code makes a
// `runtime.NewServeMux(…)` and hands it to `pb.RegisterXServiceHandlerServer(ctx, mux, srv)` (or
// `…HandlerFromEndpoint`/`…Handler`), which serves every bound rpc of service X; the mux is then
// mounted in another router, which hands it the whole request path. The .proto files are not in
// the map: they are found by listing the folders around the mapped files and read through the
// entry pass's file reader, stamped so that an edit to one renews the answer.
//
// The handler is the server's method of the rpc's name (the generated code calls `srv.GetMemo`).
// Guards: a middleware given to the mux (`runtime.WithMiddlewares(authMw)`) runs before every
// route; when it refuses (401/403), an rpc is guarded unless a list of public procedures
// (`"/pkg.Service/Method"` strings, grpcGatewayGuards.ts) it consults names it. Without a
// middleware in sight the state is `unknown`: a gRPC interceptor or the mount may guard it.
//
// Connect (connectrpc.com/connect) serves the same services from its generated `<pkg>connect`
// package: `NewXServiceHandler(srv, opts...)` answers every rpc of X at `/pkg.XService/Method`
// (POST; GET too for an rpc without side effects), judged by the interceptors of its
// `connect.WithInterceptors(…)` option the same way. Both hand the router the full request path,
// so the paths are the routes' whatever prefix the mount in another router filters on.
import type { EntryPoint } from '../types';
import type { DataFileStamp } from '../types';
import type { SymbolInfo } from '../../map/types';
import { stampOf } from '../interp/dataFiles';
import { parseProto, templatePath, type ProtoFile, type ProtoService } from './protoHttp';
import { connectGuard, gatewayGuard, goFuncIndex, type GatewayGuard } from './grpcGatewayGuards';
import { blankGo, closeParen, enclosingFunc, forgetBlanked, splitArgs } from './goText';
import { muxMounts } from './grpcMounts';

type Read = (rel: string) => Promise<string | undefined>;
type MapFile = { path: string; language: string; symbols?: SymbolInfo[] };

/** `pb.RegisterMemoServiceHandlerServer(ctx, mux, s)`: the service X, the variant, the call's arguments. */
const REGISTER = /(?:\b(\w+)\.)?\bRegister(\w+?)Handler(Server|FromEndpoint|Client)?\s*\(/g;
/** Folders never holding the service's own .proto files. */
const SKIP_DIRS = new Set(['node_modules', 'vendor', '.git', 'third_party', 'third-party', 'googleapis']);
const MAX_LISTED = 3000;

export interface GatewayRegistration {
  /** grpc-gateway's `RegisterXHandler…` or Connect's generated `NewXHandler`. */
  kind: 'gateway' | 'connect';
  service: string;
  variant: string;
  /** The server value handed in (the gateway's `…HandlerServer` third argument, Connect's first). */
  server?: string;
  /** The name of the function holding the call. */
  fnName?: string;
  args: string[];
  file: string;
  line: number;
  /** The receiver type of the function holding the call (`APIV1Service` in `func (s *APIV1Service) …`) and its name. */
  recv?: { name: string; type: string };
  body: string;
  bodyLine: number;
}

function isGoSource(p: string): boolean {
  return p.endsWith('.go') && !p.endsWith('_test.go') && !/\.pb(\.gw)?\.go$|_grpc\.pb\.go$|\.connect\.go$/.test(p);
}

/** Every Register…Handler… call of the Go code, with what surrounds it. */
export function registrations(file: string, text: string): GatewayRegistration[] {
  const src = blankGo(text);
  const out: GatewayRegistration[] = [];
  for (const m of src.matchAll(REGISTER)) {
    const open = m.index + m[0].length - 1;
    const args = splitArgs(text.slice(open + 1, closeParen(src, open)));
    // The generated functions take (ctx, mux, server|endpoint|conn[, opts]).
    if (args.length < 3) continue;
    const fn = enclosingFunc(src, text, m.index);
    out.push({ kind: 'gateway', service: m[2], variant: m[3] ?? '', ...(m[3] === 'Server' ? { server: args[2] } : {}), ...(fn ? { fnName: fn.name } : {}), args, file, line: text.slice(0, m.index).split('\n').length, ...(fn?.recv ? { recv: fn.recv } : {}), body: fn?.body ?? '', bodyLine: fn?.line ?? 1 });
  }
  // Connect's generated package (`<pkg>connect`): `apiv1connect.NewMemoServiceHandler(srv, opts...)` returns the service's path prefix and handler.
  const imports = importsOf(text);
  for (const m of src.matchAll(/\b(\w+)\.New(\w+)Handler\s*\(/g)) {
    if (!/connect$/.test(imports.get(m[1])?.split('/').pop() ?? '')) continue;
    const open = m.index + m[0].length - 1;
    const args = splitArgs(text.slice(open + 1, closeParen(src, open)));
    if (!args.length) continue;
    const fn = enclosingFunc(src, text, m.index);
    out.push({ kind: 'connect', service: m[2], variant: '', server: args[0], ...(fn ? { fnName: fn.name } : {}), args, file, line: text.slice(0, m.index).split('\n').length, ...(fn?.recv ? { recv: fn.recv } : {}), body: fn?.body ?? '', bodyLine: fn?.line ?? 1 });
  }
  return out;
}

/** A mount the router guards (its middleware runs before the mux's) guards every route of the mux, whatever the mux's own middleware lets through. */
function mountGuarded(own: GatewayGuard, mounts: EntryPoint[]): GatewayGuard {
  const guarded = mounts.find((m) => m.guardState === 'guarded' && m.guards.length);
  if (!guarded) return own;
  const why = `mounted at ${guarded.id} (${guarded.file}:${guarded.line}): ${guarded.guardReason ?? guarded.guards.map((g) => g.name).join(', ')}`;
  return {
    judge(procedure) {
      const j = own.judge(procedure);
      return { state: 'guarded', guards: [...guarded.guards, ...(j.state === 'guarded' ? j.guards : [])], reason: j.state === 'guarded' ? `${why}; ${j.reason}` : why };
    },
  };
}

/** The .proto files under the folders of the mapped files (and folders beside them holding no mapped file). */
export function findProtoFiles(mapPaths: string[], listDir: (rel: string) => string[] | undefined): string[] {
  const known = new Set<string>(['']);
  for (const p of mapPaths) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) known.add(parts.slice(0, i).join('/'));
  }
  const queue = [...known].map((d) => ({ d, depth: 0 }));
  const seen = new Set(known);
  const out: string[] = [];
  for (let i = 0; i < queue.length && i < MAX_LISTED; i++) {
    const { d, depth } = queue[i];
    const names = listDir(d);
    if (!names) continue;
    for (const n of names) {
      const rel = d ? `${d}/${n}` : n;
      if (n.endsWith('.proto')) out.push(rel);
      else if (!n.includes('.') && !SKIP_DIRS.has(n) && !seen.has(rel) && depth < 3) {
        // A folder (or an extension-less file, which lists as nothing) holding no mapped file: proto/api/v1.
        seen.add(rel);
        queue.push({ d: rel, depth: depth + 1 });
      }
    }
  }
  return out.sort();
}

/** The proto service a registration serves: by name, and by go_package when several share it. */
function serviceFor(reg: GatewayRegistration, protos: ProtoFile[], importOf: (alias: string) => string | undefined, alias: string | undefined): { proto: ProtoFile; svc: ProtoService } | undefined {
  const all = protos.flatMap((proto) => proto.services.filter((s) => s.name === reg.service).map((svc) => ({ proto, svc })));
  if (all.length <= 1) return all[0];
  const path = alias ? importOf(alias) : undefined;
  const same = path ? all.filter((c) => c.proto.goPackage === path) : [];
  return same.length === 1 ? same[0] : undefined;
}

/** The server's method for an rpc: of the argument's type when known, else the one type of the registration's folder with it. */
function handlerOf(reg: GatewayRegistration, rpc: string, goFiles: MapFile[]): { file: string; sym: SymbolInfo } | undefined {
  const cands = goFiles.flatMap((f) => (f.symbols ?? []).filter((s) => s.kind === 'method' && s.name === rpc && s.path.includes('.')).map((sym) => ({ file: f.path, sym })));
  const typeOf = (c: { sym: SymbolInfo }): string => c.sym.path.slice(0, c.sym.path.lastIndexOf('.'));
  const server = reg.server?.trim();
  let type: string | undefined;
  if (server && reg.recv && server === reg.recv.name) type = reg.recv.type;
  else if (server) type = /^&?(\w+)\s*\{/.exec(server)?.[1] ?? /^New(\w+)\(/.exec(server)?.[1];
  if (type) {
    const typed = cands.filter((c) => typeOf(c) === type);
    if (typed.length === 1) return typed[0];
  }
  const dir = reg.file.slice(0, reg.file.lastIndexOf('/') + 1);
  const near = cands.filter((c) => c.file.startsWith(dir) && !c.file.slice(dir.length).includes('/'));
  const types = new Set(near.map(typeOf));
  if (near.length && types.size === 1) return near[0];
  return cands.length === 1 ? cands[0] : undefined;
}

function importsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const block = /\bimport\s*\(([\s\S]*?)\)/.exec(text)?.[1] ?? '';
  const lines = [...block.split('\n'), ...[...text.matchAll(/^import\s+(.*)$/gm)].map((m) => m[1])];
  for (const l of lines) {
    const m = /^\s*(\w+\s+)?"([^"]+)"/.exec(l);
    if (!m) continue;
    const alias = m[1]?.trim() ?? m[2].split('/').pop()!;
    out.set(alias, m[2]);
  }
  return out;
}

/**
 * The REST routes of every grpc-gateway registration, with their handlers and guards. `dataFiles`
 * receives a stamp for each .proto file read.
 */
export async function grpcGatewayRoutes(files: MapFile[], read: Read, listDir: ((rel: string) => string[] | undefined) | undefined, dataFiles: DataFileStamp[], goEntries: EntryPoint[] = []): Promise<{ entries: EntryPoint[]; superseded: Set<EntryPoint> }> {
  const goFiles = files.filter((f) => f.language === 'go');
  const texts = new Map<string, string>();
  const regs: GatewayRegistration[] = [];
  for (const f of goFiles) {
    if (!isGoSource(f.path)) continue;
    const text = await read(f.path);
    if (text === undefined) continue;
    texts.set(f.path, text);
    // Blanking and reading a file is for the few that may hold a registration.
    if (/\bRegister\w+Handler|\.New\w+Handler\s*\(/.test(text)) regs.push(...registrations(f.path, text));
  }
  const superseded = new Set<EntryPoint>();
  if (!regs.length || !listDir) {
    forgetBlanked();
    return { entries: [], superseded };
  }
  const protos: ProtoFile[] = [];
  for (const p of findProtoFiles(files.map((f) => f.path), listDir)) {
    const text = await read(p);
    dataFiles.push(stampOf(p, text));
    if (text !== undefined && text.includes('google.api.http')) protos.push(parseProto(p, text));
  }
  // Middleware, interceptors and public lists are looked for in the registrations' packages only.
  const dirs = new Set(regs.map((r) => (r.file.includes('/') ? r.file.slice(0, r.file.lastIndexOf('/')) : '')));
  const pkgTexts = new Map([...texts].filter(([p]) => dirs.has(p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '')));
  const funcs = goFuncIndex(pkgTexts);
  const entries: EntryPoint[] = [];
  const seen = new Set<string>();
  for (const reg of regs) {
    const text = texts.get(reg.file)!;
    const imports = importsOf(text);
    const alias = new RegExp(reg.kind === 'gateway' ? `(\\w+)\\.Register${reg.service}Handler` : `(\\w+)\\.New${reg.service}Handler`).exec(text)?.[1];
    const found = serviceFor(reg, protos, (a) => imports.get(a), alias);
    if (!found) continue;
    // `path, handler := xconnect.NewXServiceHandler(…)` then `mux.Handle(path, handler)`: the route the Go
    // pass read there, at a path it could only write as the variable, is these procedures.
    if (reg.kind === 'connect') {
      const last = reg.bodyLine + reg.body.split('\n').length - 1;
      for (const e of goEntries) if (e.file === reg.file && e.line >= reg.bodyLine && e.line <= last && (e.dynamic || e.path.includes('{'))) superseded.add(e);
    }
    const own: GatewayGuard = reg.kind === 'gateway' ? gatewayGuard(reg, pkgTexts, funcs) : connectGuard(reg, reg.fnName, pkgTexts, funcs);
    const mounts = muxMounts(reg, funcs, goEntries);
    for (const m of mounts) superseded.add(m);
    const guard = mountGuarded(own, mounts);
    for (const rpc of found.svc.rpcs) {
      const procedure = `/${found.proto.pkg ? found.proto.pkg + '.' : ''}${found.svc.name}/${rpc.name}`;
      const h = handlerOf(reg, rpc.name, goFiles);
      const judged = guard.judge(procedure);
      // Connect serves every rpc at its procedure path (Connect, gRPC and gRPC-Web all POST; GET too when it has no side effects).
      const connect = reg.kind === 'connect' ? ['POST', ...(rpc.noSideEffects ? ['GET'] : [])].map((method) => ({ method, template: procedure, line: reg.line, file: reg.file })) : [];
      for (const b of reg.kind === 'connect' ? connect : rpc.bindings.map((x) => ({ ...x, file: found.proto.file }))) {
        const path = templatePath(b.template);
        const key = `${b.method} ${path} ${b.file}:${b.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        entries.push({
          id: `${b.method} ${path}`,
          kind: 'http',
          method: b.method,
          path,
          handler: h ? h.sym.path : `${found.svc.name}.${rpc.name}`,
          ...(h ? { handlerLocation: { file: h.file, symbol: h.sym.path, range: h.sym.range } } : {}),
          file: b.file,
          line: b.line,
          guards: judged.guards,
          guardState: judged.state,
          guardReason: judged.reason,
          framework: reg.kind === 'gateway' ? 'grpc-gateway' : 'connect',
        });
      }
    }
  }
  forgetBlanked();
  return { entries, superseded };
}
