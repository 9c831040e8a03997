// Huma's operations as Go routes, once every file is read (huma.ts reads them file by file):
// which functions forward an Operation to `huma.Register`, the routes their calls make, Huma's
// own routes (OpenAPI documents, docs, schemas) from the API's configuration, and AutoPatch.
import type { GoIndex } from './resolve';
import type { HumaApi, HumaConfig, HumaFacts, HumaOp } from './huma';
import type { GoEdge, GoFileFacts, GoRef, GoRoute, StrPart } from './types';

const HUMA = 'github.com/danielgtaylor/huma/v2';

export function humaRoutes(ix: GoIndex, files: GoFileFacts[], edges: GoEdge[], canon: (r: GoRef) => GoRef): { routes: GoRoute[]; edges: GoEdge[] } {
  const hs = files.map((f) => f.huma).filter((h): h is HumaFacts => !!h);
  if (!hs.length) return { routes: [], edges: [] };
  const ops = hs.flatMap((h) => h.ops);
  const apis = hs.flatMap((h) => h.apis);
  const configs = hs.flatMap((h) => h.configs);

  // Functions that hand their Operation on to huma.Register, directly or through another such function.
  const forwards = new Set<string>();
  const registers = (callee: string): boolean => {
    const r = ix.resolve(callee);
    if (!r) return false;
    if ('ext' in r) return r.ext === HUMA && /^(Register|Get|Post|Put|Patch|Delete)$/.test(r.name);
    return 'key' in r && forwards.has(r.key);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of hs.flatMap((h) => h.forwards)) if (!forwards.has(f.fnKey) && registers(f.callee)) changed = !!forwards.add(f.fnKey);
  }

  const routes: GoRoute[] = [];
  for (const op of ops) if (op.api && registers(op.callee)) routes.push(opRoute(ix, op));

  // An API handed to the functions that register on it in a way not followed (a registrar kept in
  // a slice by `init()` and run in a loop): with one API in the whole program, it is that one.
  const single = apis.length === 1 ? apis[0] : undefined;
  const extra: GoEdge[] = [];
  if (single) {
    const parents = new Map<GoRef, GoRef[]>();
    for (const e of edges) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
    // The parameters at the top of each operation's chain that no caller hands a router to.
    const orphans = new Set<GoRef>();
    const seen = new Set<GoRef>();
    const up = (r: GoRef): void => {
      if (seen.has(r)) return;
      seen.add(r);
      const ps = parents.get(r) ?? [];
      if (!ps.length && r.startsWith('P:')) orphans.add(r);
      ps.forEach(up);
    };
    routes.forEach((r) => up(canon(r.router)));
    for (const r of orphans) extra.push({ parent: single.ref, child: r, prefix: [], guards: [], file: single.file, line: single.line, order: single.order });
  }

  for (const api of apis) routes.push(...builtIns(api, configFor(api, configs)));

  // AutoPatch: a PATCH for every path of the API with a GET and a PUT and no PATCH of its own.
  for (const ap of hs.flatMap((h) => h.autoPatch)) {
    const api = apis.find((a) => ap.api && canon(a.ref) === canon(ap.api)) ?? single;
    if (!api) continue;
    const own = routes.filter((r) => r.registrar === 'Operation' && (single || canon(r.router) === canon(api.ref)));
    const byPath = new Map<string, GoRoute[]>();
    for (const r of own) byPath.set(JSON.stringify(r.path), [...(byPath.get(JSON.stringify(r.path)) ?? []), r]);
    for (const rs of byPath.values()) {
      const get = rs.find((r) => r.method === 'GET');
      if (!get || !rs.some((r) => r.method === 'PUT') || rs.some((r) => r.method === 'PATCH')) continue;
      routes.push({ ...get, method: 'PATCH', handler: 'autopatch.AutoPatch (GET, then PUT of the patched resource)', registrar: 'AutoPatch', handlerCallee: undefined, inline: undefined, file: ap.file, line: ap.line, order: ap.order });
    }
  }
  return { routes, edges: extra };
}

function opRoute(ix: GoIndex, op: HumaOp): GoRoute {
  const m = ix.literal(ix.evalParts(op.method));
  return {
    router: op.api!,
    method: m && /^[A-Za-z]+$/.test(m) ? m.toUpperCase() : 'ANY',
    path: op.path,
    fnKey: op.fnKey,
    handler: op.handler,
    registrar: 'Operation',
    ...(op.handlerCallee ? { handlerCallee: op.handlerCallee } : {}),
    ...(op.inline ? { inline: op.inline } : {}),
    guards: [],
    file: op.file,
    line: op.line,
    order: op.order,
    framework: 'huma',
  };
}

/** The API's configuration: the one its constructor is given by name in the same function, else the program's only one. */
function configFor(api: HumaApi, configs: HumaConfig[]): HumaConfig | undefined {
  return configs.find((c) => c.fnKey === api.fnKey && c.name === api.config) ?? (configs.length === 1 ? configs[0] : undefined);
}

/**
 * huma.NewAPI serves GET `OpenAPIPath` + `.json`, `.yaml`, `-3.0.json`, `-3.0.yaml`, GET `DocsPath`
 * and GET `SchemasPath/{schema}` unless the path is empty (DefaultConfig: /openapi, /docs, /schemas).
 * Without the configuration in sight nothing is claimed.
 */
function builtIns(api: HumaApi, cfg: HumaConfig | undefined): GoRoute[] {
  if (!cfg) return [];
  const empty = (p: StrPart[]): boolean => p.every((x) => 'lit' in x && x.lit === '');
  const paths: StrPart[][] = [];
  const openapi = cfg.openAPIPath ?? [{ lit: '/openapi' }];
  if (!empty(openapi)) for (const ext of ['.json', '.yaml', '-3.0.json', '-3.0.yaml']) paths.push([...openapi, { lit: ext }]);
  const docs = cfg.docsPath ?? [{ lit: '/docs' }];
  if (!empty(docs)) paths.push(docs);
  const schemas = cfg.schemasPath ?? [{ lit: '/schemas' }];
  if (!empty(schemas)) paths.push([...schemas, { lit: '/{schema}' }]);
  return paths.map((path) => ({ router: api.ref, method: 'GET', path, fnKey: api.fnKey, handler: 'huma built-in (OpenAPI document, docs or JSON schema)', registrar: 'NewAPI', guards: [], file: api.file, line: api.line, order: api.order, framework: 'huma' }));
}
