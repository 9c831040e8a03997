// Routes a Spring Boot starter mounts from the classpath and the application's configuration,
// with no controller in the code:
//  * springdoc (`springdoc-openapi*` in the application module's build file): the OpenAPI
//    document at `springdoc.api-docs.path` (default /v3/api-docs, one row for its group paths) and,
//    with a `-ui` artifact, the Swagger UI page at `springdoc.swagger-ui.path` (default
//    /swagger-ui.html); each unless its `enabled` is false.
//  * Druid's monitoring console (`druid-spring-boot*`): the StatViewServlet at
//    `spring.datasource.druid.stat-view-servlet.url-pattern` (default /druid/*), only when
//    `enabled` is true (the starter's default is off). The console asks for its own login when
//    `login-username` is set: a guard, which a reviewer should also check is not a default password;
//    its address allow list (127.0.0.1 unless configured) is another.
//  * springfox (`springfox-swagger2`, `springfox-boot-starter`, knife4j's starter): /v2/api-docs and
//    /swagger-resources, and with their artifacts springfox's UI and OpenAPI 3 document.
// A module's build file counts with the parent POMs it inherits dependencies from.
// They are Spring routes: the SecurityFilterChain's URL rules apply to them as to controllers.
// The configuration is the one the application starts with (springConfigLists.ts `layersOf`), and
// every file read is stamped, so editing it computes the answer again.
import type { DataFileStamp, EntryPoint } from './types';
import { stampOf } from './interp/dataFiles';
import { lookup } from './springConfigFiles';
import { layersOf } from './springConfigLists';

type ReadOptional = (rel: string) => Promise<string | undefined>;

const BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts'];

/** Every spelling relaxed binding accepts for a dotted key: each segment kebab-case or camelCase. */
function spellings(key: string): string[] {
  let out = [''];
  for (const part of key.split('.')) {
    const forms = [...new Set([part, part.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), part.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)])];
    out = out.flatMap((p) => forms.map((f) => (p ? `${p}.${f}` : f)));
  }
  return out;
}

/** The value the application starts with: the last layer that sets it. */
function valueAt(layers: unknown[], key: string): unknown {
  let v: unknown;
  for (const d of layers) {
    for (const k of spellings(key)) {
      const found = lookup(d, k);
      if (found !== undefined && found !== null) v = found;
    }
  }
  return v;
}

const isTrue = (v: unknown): boolean => v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
const isFalse = (v: unknown): boolean => v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'false');
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/** `/v3/api-docs` → `/v3/api-docs/*`; a servlet pattern `/druid/*` stays. */
const underneath = (p: string): string => (p.endsWith('/*') ? p : `${p.replace(/\/+$/, '')}/*`);

/** The repository POM a module's `<parent>` names, with its inherited `<dependencies>` only. */
async function parentPom(child: { file: string; text: string }, readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<{ file: string; text: string } | undefined> {
  const parent = /<parent>([\s\S]*?)<\/parent>/.exec(child.text)?.[1];
  const id = parent && /<artifactId>\s*([\w.-]+)\s*<\/artifactId>/.exec(parent)?.[1];
  if (!parent || !id) return undefined;
  const rel = /<relativePath>\s*([^<]*?)\s*<\/relativePath>/.exec(parent)?.[1] ?? '../pom.xml';
  if (!rel) return undefined;
  const segments = child.file.split('/').slice(0, -1);
  for (const part of (rel.endsWith('.xml') ? rel : `${rel.replace(/\/+$/, '')}/pom.xml`).split('/')) {
    if (part === '..') {
      if (!segments.length) return undefined;
      segments.pop();
    } else if (part && part !== '.') segments.push(part);
  }
  const file = segments.join('/');
  const text = await readOptional(file);
  dataFiles.push(stampOf(file, text));
  if (text === undefined) return undefined;
  const own = text.replace(/<parent>[\s\S]*?<\/parent>/, '');
  if (/<artifactId>\s*([\w.-]+)\s*<\/artifactId>/.exec(own)?.[1] !== id) return undefined;
  return { file, text: own.replace(/<dependencyManagement>[\s\S]*?<\/dependencyManagement>/g, (m) => m.replace(/[^\n]/g, ' ')) };
}

export async function springStarterRoutes(javaFiles: string[], readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<EntryPoint[]> {
  const roots = [...new Set(javaFiles.map((f) => /^(.*?)src\/main\/(?:java|kotlin)\//.exec(f)?.[1]).filter((r): r is string => r !== undefined))].sort();
  const out: EntryPoint[] = [];
  const builds = new Map<string, { file: string; text: string }[]>();
  for (const root of roots) {
    const found: { file: string; text: string }[] = [];
    for (const name of BUILD_FILES) {
      const file = `${root}${name}`;
      const text = await readOptional(file);
      dataFiles.push(stampOf(file, text));
      if (text !== undefined) found.push({ file, text });
    }
    // A module inherits the <dependencies> (not the <dependencyManagement>) of its parent POM in the
    // repository (`<parent>` … `<relativePath>`, by default ../pom.xml), itself maybe a child.
    for (let i = 0, at = found.find((b) => b.file.endsWith('pom.xml')); at && i < 3; i++) {
      const parent = await parentPom(at, readOptional, dataFiles);
      if (!parent) break;
      found.push(parent);
      at = parent;
    }
    builds.set(root, found);
  }
  // A module's classpath holds the starters of the repository's modules it depends on, named by
  // their folder (`<artifactId>ruoyi-framework</artifactId>`, `project(':core')`), transitively.
  const dependsOn = (text: string, root: string): boolean => {
    const name = root.replace(/\/$/, '').split('/').pop() ?? '';
    const q = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return !!name && new RegExp(`<artifactId>\\s*${q}\\s*</artifactId>|project\\(\\s*["']:?${q}["']`).test(text);
  };
  const deps = new Map(roots.map((r) => [r, roots.filter((o) => o && o !== r && builds.get(r)!.some((b) => dependsOn(b.text, o)))]));
  for (const root of roots) {
    const seen = new Set([root]);
    for (const r of seen) for (const d of deps.get(r)!) seen.add(d);
    const build = [...seen].flatMap((r) => builds.get(r)!);
    const artifact = (re: RegExp): { file: string; line: number; name: string } | undefined => {
      for (const b of build) {
        const m = re.exec(b.text);
        if (m) return { file: b.file, line: b.text.slice(0, m.index).split('\n').length, name: m[0] };
      }
      return undefined;
    };
    const springdoc = artifact(/springdoc-openapi[\w-]*/);
    const druid = artifact(/druid-spring-boot[\w-]*/);
    const springfox = artifact(/springfox-(?:swagger2|boot-starter|oas)\b|knife4j-spring-boot-starter\b/);
    if (!springdoc && !druid && !springfox) continue;
    const layers = await layersOf(`${root}src/main/resources/`, readOptional, dataFiles);
    if (!layers.length) continue;
    const route = (method: string, path: string, handler: string, at: { file: string; line: number }): EntryPoint => ({ id: `${method} ${path}`, kind: 'http', method, path, handler, file: at.file, line: at.line, guards: [], public: true, framework: 'spring' });
    if (springdoc) {
      if (!isFalse(valueAt(layers, 'springdoc.api-docs.enabled'))) {
        out.push(route('GET', underneath(str(valueAt(layers, 'springdoc.api-docs.path')) ?? '/v3/api-docs'), `springdoc OpenAPI endpoint (${springdoc.name})`, springdoc));
      }
      const ui = artifact(/springdoc-openapi[\w-]*-ui\b/);
      if (ui && !isFalse(valueAt(layers, 'springdoc.swagger-ui.enabled'))) {
        out.push(route('GET', str(valueAt(layers, 'springdoc.swagger-ui.path')) ?? '/swagger-ui.html', `springdoc Swagger UI (${ui.name})`, ui));
      }
    }
    // springfox (alone or inside knife4j's starter): the Swagger 2 document and the resource list its
    // UI reads, unless switched off; springfox's own UI and OpenAPI 3 document only with their artifacts.
    if (springfox && !isFalse(valueAt(layers, 'springfox.documentation.enabled')) && !isFalse(valueAt(layers, 'springfox.documentation.swagger-v2.enabled'))) {
      out.push(route('GET', str(valueAt(layers, 'springfox.documentation.swagger.v2.path')) ?? '/v2/api-docs', `springfox Swagger 2 document (${springfox.name})`, springfox));
      out.push(route('GET', '/swagger-resources/*', `springfox swagger-resources (${springfox.name})`, springfox));
      const ui = artifact(/springfox-(?:swagger-ui|boot-starter)\b/);
      if (ui && !isFalse(valueAt(layers, 'springfox.documentation.swagger-ui.enabled'))) out.push(route('GET', '/swagger-ui/*', `springfox Swagger UI (${ui.name})`, ui));
      const oas = artifact(/springfox-(?:oas|boot-starter)\b/);
      if (oas && !isFalse(valueAt(layers, 'springfox.documentation.open-api.enabled'))) out.push(route('GET', '/v3/api-docs', `springfox OpenAPI 3 document (${oas.name})`, oas));
    }
    const servlet = 'spring.datasource.druid.stat-view-servlet';
    if (druid && isTrue(valueAt(layers, `${servlet}.enabled`))) {
      const e = route('ANY', underneath(str(valueAt(layers, `${servlet}.url-pattern`)) ?? '/druid/*'), `Druid StatViewServlet console (${druid.name})`, druid);
      const user = str(valueAt(layers, `${servlet}.login-username`));
      if (user) {
        e.guards.push({
          name: `Druid console login (${servlet}.login-username)`,
          kind: 'authentication',
          reason: 'the StatViewServlet asks for the configured login before it shows the console (check that its password is not a default one)',
          file: druid.file,
          line: druid.line,
        });
        e.public = false;
      }
      // The starter lets only 127.0.0.1 in when no allow list is configured (DEFAULT_ALLOW_IP); an
      // empty one lets every address in.
      const allow = valueAt(layers, `${servlet}.allow`);
      const allowed = allow === undefined || allow === null ? '127.0.0.1 (the starter\'s default)' : str(allow);
      if (allowed) {
        e.guards.push({
          name: `Druid console allow list (${servlet}.allow: ${allowed})`,
          kind: 'authorization',
          reason: 'the StatViewServlet refuses a request from an address not in its allow list (an address check, not a login: behind a proxy on the same host every caller is 127.0.0.1)',
          file: druid.file,
          line: druid.line,
        });
        e.public = false;
      }
      out.push(e);
    }
  }
  return out;
}
