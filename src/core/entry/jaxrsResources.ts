// JAX-RS (Jakarta REST) across files, once every Java file's routes and facts (jaxrsFacts.ts) are in:
// - a class without a @Path of its own is no root resource: its resource methods answer only under
//   a root resource class that extends it (`@Path("devices") class DeviceResource extends
//   BaseObjectResource<Device>` gets its `@GET @Path("{id}")`), unless that class, or one between,
//   declares the method again with annotations of its own (same name and arity);
// - the application's path (`@ApplicationPath("api")`, the servlet path the container is mounted at
//   in code) prefixes every resource path, when the code names exactly one; in a Quarkus application
//   its configuration's REST path stands for a missing @ApplicationPath, and its HTTP root path
//   prefixes either (quarkusConfig.ts), and its security settings guard methods (quarkusSecurity.ts);
// - a ContainerRequestFilter the application registers (`@Provider`, `register(X.class)`,
//   `getClasses()`) runs before every resource method, or, bound by a @NameBinding annotation, before
//   those carrying it: one that refuses 401/403 guards them, except those carrying an annotation it
//   lets through (`if (!method.isAnnotationPresent(PermitAll.class)) throw …UNAUTHORIZED`); a
//   method it lets through that reads the caller itself (the SecurityContext, in its own code or a
//   method of its class it calls, `getUserId()` of a base class) allows anonymous callers.
import type { FileDecls, Guard, GuardCandidate, RouteDecl } from './types';
import type { JaxrsClass, JaxrsFileFacts, JaxrsFilter, JaxrsMethod } from './jaxrsFacts';
import { springSecurityGuards } from './javaRoutes';
import type { QuarkusConfig } from './quarkusConfig';
import { quarkusSecurity } from './quarkusSecurity';

export function resolveJaxrs(decls: FileDecls[], facts: JaxrsFileFacts[], annotationTypes: { name: string; names: string[] }[], quarkus?: QuarkusConfig): void {
  if (!facts.length) return;
  const classes = new Map<string, JaxrsClass[]>();
  for (const f of facts) for (const c of f.classes) classes.set(c.name, [...(classes.get(c.name) ?? []), c]);
  const classOf = (name: string | undefined): JaxrsClass | undefined => (name ? classes.get(name)?.[0] : undefined);
  const chain = (c: JaxrsClass): JaxrsClass[] => {
    const out = [c];
    for (let s = classOf(c.superclass); s && !out.includes(s) && out.length < 12; s = classOf(s.superclass)) out.push(s);
    return out;
  };
  // Routes are replaced, never edited, and each file's list rebuilt: a file's routes may be the
  // cached facts of its last read.
  const lists = decls.map((d) => d.routes.slice());
  let changed = false;
  // Resource methods of classes with no @Path: templates for the root resources that extend them
  // and for the locators that hand requests to them.
  const templates = new Map<string, RouteDecl[]>();
  lists.forEach((routes, i) => {
    const own = routes.filter((r) => r.jaxrs && !r.jaxrs.rooted && classes.has(r.jaxrs.cls));
    for (const r of own) templates.set(r.jaxrs!.cls, [...(templates.get(r.jaxrs!.cls) ?? []), r]);
    if (own.length) {
      lists[i] = routes.filter((r) => !own.includes(r));
      changed = true;
    }
  });
  const fileIndex = new Map(decls.map((d, i) => [d.file, i]));
  // `c`'s resource methods under `prefix`: those it inherits (and, for a sub-resource, its own), then
  // those of the sub-resources its locators return, a few levels down.
  const expand = (c: JaxrsClass, prefix: string, depth: number, seen: Set<JaxrsClass>): void => {
    const up = chain(c);
    for (let i = depth ? 0 : 1; i < up.length; i++) {
      for (const t of templates.get(up[i].name) ?? []) {
        const j = t.jaxrs!;
        if (up.slice(0, i).some((k) => k.methods.some((m) => m.resource && m.name === j.method && m.arity === j.arity))) continue;
        const at = fileIndex.get(t.file);
        if (at === undefined) continue;
        lists[at].push({
          ...t,
          path: [prefix, j.path ?? ''].join('/'),
          guards: [...springSecurityGuards(c.security, j.security, t.file, c.name, j.method), ...t.guards.filter((g) => g.via !== 'annotation')],
          jaxrs: { ...j, cls: c.name, rooted: true },
          handler: `${up[i].name}.${j.method}`,
        });
        changed = true;
      }
    }
    if (depth >= 3) return;
    for (const k of up) {
      for (const m of k.methods) {
        const sub = m.locator ? classOf(m.locator.returns) : undefined;
        if (!sub || sub.path !== undefined || seen.has(sub)) continue;
        expand(sub, [prefix, m.locator!.path].join('/'), depth + 1, new Set([...seen, sub]));
      }
    }
  };
  for (const f of facts) for (const c of f.classes) if (c.path !== undefined) expand(c, c.path, 0, new Set([c]));
  // The application path: only one the code names decides; several (two applications) decide none,
  // unless the packages each container scans tell which serves the resource (jaxrsFeatures.ts).
  const prefixes = new Set(facts.flatMap((f) => f.mounts.map((m) => normalise(m.prefix))));
  const prefix = quarkus ? quarkusPrefix(quarkus, facts) : prefixes.size === 1 ? [...prefixes][0] : '';
  const servedBy = !quarkus && prefixes.size > 1 ? containerPrefixes(facts) : undefined;
  const registered = new Set(facts.flatMap((f) => f.registered));
  const bindings = new Set(annotationTypes.filter((t) => t.names.includes('NameBinding')).map((t) => t.name));
  const filters = [
    ...facts.flatMap((f) => f.filters).filter((x) => x.refusal && (x.annotations.includes('Provider') || registered.has(x.name))),
    ...featureFilters(facts, registered),
  ];
  if (prefix || servedBy || filters.length || quarkus) {
    lists.forEach((routes, i) => {
      if (!routes.some((r) => r.jaxrs?.rooted)) return;
      lists[i] = routes.map((r) => (r.jaxrs?.rooted ? underApplication(r) : r));
      changed = true;
    });
  }
  if (changed) lists.forEach((routes, i) => (decls[i] = { ...decls[i], routes }));

  function underApplication(r: RouteDecl): RouteDecl {
    const cls = classOf(r.jaxrs!.cls);
    const methodAnns = r.jaxrs!.annotations;
    const classAnns = cls?.annotations ?? [];
    const guards = r.guards.slice();
    let doubt = r.doubt;
    for (const x of filters) {
      const bound = x.annotations.filter((a) => bindings.has(a));
      if (bound.length && !bound.some((b) => methodAnns.includes(b) || classAnns.includes(b))) continue;
      const has = (a: string): boolean => methodAnns.includes(a) || (x.readsClass && classAnns.includes(a));
      if (x.requires.length && !x.requires.some(has)) continue;
      const spared = x.exempt.find(has);
      if (x.doubt && !spared) {
        doubt ??= `${x.name} ${x.doubt} (${x.file}:${x.line})`;
        continue;
      }
      guards.push(spared ? sparedBy(x, spared, reads(r, cls)) : guardOf(x, bound));
    }
    const at = servedBy && cls ? servedBy(cls.file) : prefix;
    const path = at ? `${at}/${r.path}` : r.path;
    if (quarkus) {
      const q = quarkusSecurity({ ...r, path }, cls?.security ?? [], quarkus);
      guards.push(...q.guards);
      doubt ??= q.doubt;
    }
    return { ...r, path, guards, ...(doubt ? { doubt } : {}) };
  }

  function reads(r: RouteDecl, cls: JaxrsClass | undefined): boolean {
    const up = cls ? chain(cls) : [];
    const find = (name: string, arity?: number): JaxrsMethod | undefined => {
      for (const k of up) {
        const m = k.methods.find((x) => x.name === name && (arity === undefined || x.arity === arity));
        if (m) return m;
      }
      return undefined;
    };
    const seen = new Set<JaxrsMethod>();
    const walk = (m: JaxrsMethod | undefined, depth: number): boolean => {
      if (!m || seen.has(m) || depth > 3) return false;
      seen.add(m);
      return m.reads || m.calls.some((c) => walk(find(c), depth + 1));
    };
    return walk(find(r.jaxrs!.method, r.jaxrs!.arity), 0);
  }
}

/**
 * Filters a registered (or @Provider) DynamicFeature registers: each runs for the resource methods the
 * feature's condition lets it (its exempt and required annotations join the filter's own).
 */
function featureFilters(facts: JaxrsFileFacts[], registered: Set<string>): JaxrsFilter[] {
  const byName = new Map(facts.flatMap((f) => f.filters).map((x) => [x.name, x]));
  const out: JaxrsFilter[] = [];
  for (const feature of facts.flatMap((f) => f.features ?? [])) {
    if (!feature.annotations.includes('Provider') && !registered.has(feature.name)) continue;
    for (const reg of feature.registers) {
      const x = byName.get(reg.filter);
      // Registered by the application too: it runs everywhere already.
      if (!x?.refusal || x.annotations.includes('Provider') || registered.has(x.name)) continue;
      const doubt = reg.doubt ? `is registered by ${feature.name}, which ${reg.doubt}` : x.doubt;
      out.push({ ...x, exempt: [...reg.exempt, ...x.exempt], requires: [...reg.requires, ...x.requires], readsClass: reg.readsClass || x.readsClass, ...(doubt ? { doubt } : {}) });
    }
  }
  return out;
}

/**
 * Several containers at several servlet paths: a resource file's prefix is that of the one container
 * whose scanned packages hold its package (Jersey scans sub-packages too); none or two → undefined prefix ('').
 */
function containerPrefixes(facts: JaxrsFileFacts[]): ((file: string) => string) | undefined {
  const configs = new Map(facts.flatMap((f) => f.classes.filter((c) => c.packages?.length).map((c) => [c.name, c.packages!] as const)));
  const served = facts.flatMap((f) => f.mounts).map((m) => ({ prefix: normalise(m.prefix), packages: m.packages ?? (m.configClass ? configs.get(m.configClass) : undefined) }));
  if (!served.some((m) => m.packages)) return undefined;
  const pkgOf = new Map(facts.map((f) => [f.classes[0]?.file, f.pkg]));
  return (file) => {
    const pkg = pkgOf.get(file);
    if (!pkg) return '';
    const hits = new Set(served.filter((m) => m.packages?.some((p) => pkg === p || pkg.startsWith(`${p}.`))).map((m) => m.prefix));
    return hits.size === 1 ? [...hits][0] : '';
  };
}

/** Quarkus: the HTTP root path, then an @ApplicationPath when the code names one, else the configured REST path. */
function quarkusPrefix(q: QuarkusConfig, facts: JaxrsFileFacts[]): string {
  if (q.pathUnread) return '';
  const appPaths = new Set(facts.flatMap((f) => f.mounts.filter((m) => m.how.startsWith('@ApplicationPath')).map((m) => normalise(m.prefix))));
  if (appPaths.size > 1) return '';
  const rest = appPaths.size ? [...appPaths][0] : normalise(q.restPath ?? '');
  return normalise(`${normalise(q.rootPath)}${rest}`);
}

function normalise(p: string): string {
  return p.replace(/\/\*$/, '').replace(/^\/+|\/+$/g, '').replace(/^/, '/').replace(/^\/$/, '');
}

function guardOf(x: JaxrsFilter, bound: string[]): GuardCandidate {
  const guard: Guard = {
    name: x.name,
    kind: 'authentication',
    reason: `request filter ${x.name} (${x.file}:${x.line}) runs before ${bound.length ? `resource methods bound by @${bound.join(', @')}` : 'every resource method'} and refuses (${x.refusal!.text})`,
    file: x.file,
    line: x.line,
    evidence: { how: 'refuses', text: x.refusal!.text, file: x.file, line: x.refusal!.line },
  };
  return { text: x.name, line: x.line, via: 'request filter', guard };
}

function sparedBy(x: JaxrsFilter, annotation: string, readsCaller: boolean): GuardCandidate {
  const guard: Guard = {
    name: `${x.name} (lets @${annotation} through)`,
    kind: readsCaller ? 'authentication' : 'other',
    optional: true,
    reason: `request filter ${x.name} (${x.file}:${x.line}) refuses, but not a method carrying @${annotation}${readsCaller ? '; the handler reads the caller when there is one' : ''}`,
    file: x.file,
    line: x.line,
  };
  return { text: guard.name, line: x.line, via: 'request filter', guard };
}
