// Fastify plugins that answer routes of their own where they are registered: one row for each
// plugin's mount, as for any framework's bundled app (bundledApps.ts). `@fastify/swagger-ui`
// serves the documentation page and its files under `routePrefix` (default `/documentation`),
// as `@fastify/swagger` did before v8 with `exposeRoute: true`; `fastify-metrics` answers
// Prometheus' scrape at `endpoint` (default `/metrics`; `null` registers none).
import type { Value } from '../interp/values';

export interface BundledRoute {
  method: string;
  path: string;
  what: string;
}

function option(opts: Value | undefined, key: string): Value | undefined {
  return opts?.k === 'obj' ? opts.props.get(key) : undefined;
}

/** A string option, its default when absent, undefined when it is something else (an unread value, `null`). */
function stringOption(opts: Value | undefined, key: string, fallback: string): string | undefined {
  const v = option(opts, key);
  if (v === undefined) return opts === undefined || opts.k === 'obj' ? fallback : undefined;
  return v.k === 'str' ? v.v : undefined;
}

const docsPath = (prefix: string): string => `${prefix.replace(/\/+$/, '')}/*`;

/** The route `register(plugin, opts)` adds by itself, or undefined for any other plugin. */
export function bundledPluginRoute(plugin: Value, opts: Value | undefined): BundledRoute | undefined {
  if (plugin.k !== 'ext' || !plugin.path.every((p) => p === 'default')) return undefined;
  if (/^(@fastify\/swagger-ui|fastify-swagger-ui)$/.test(plugin.spec)) {
    const prefix = stringOption(opts, 'routePrefix', '/documentation');
    return prefix === undefined ? undefined : { method: 'GET', path: docsPath(prefix), what: `${plugin.spec} (API documentation)` };
  }
  if (/^(@fastify\/swagger|fastify-swagger)$/.test(plugin.spec)) {
    const expose = option(opts, 'exposeRoute');
    if (expose?.k !== 'bool' || !expose.v) return undefined;
    const prefix = stringOption(opts, 'routePrefix', '/documentation');
    return prefix === undefined ? undefined : { method: 'GET', path: docsPath(prefix), what: `${plugin.spec} (API documentation)` };
  }
  if (plugin.spec === 'fastify-metrics') {
    const endpoint = stringOption(opts, 'endpoint', '/metrics');
    return endpoint === undefined ? undefined : { method: 'GET', path: endpoint, what: 'fastify-metrics (Prometheus metrics)' };
  }
  return undefined;
}
