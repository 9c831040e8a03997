// Middleware packages that answer paths of their own when used without a prefix: a metrics
// exporter (`app.use(apiMetrics())` answers GET /metrics), a status page. The path lives in the
// package, which a fetched service may not even have installed, so each is known by name with
// its documented default and the option that moves it. They are routes a leader must see: a
// metrics endpoint reachable without auth leaks traffic and internals.
import type { Interp } from '../interp/interpreter';
import type { RouterNode, SiteRef, Value } from '../interp/values';
import { UNKNOWN } from '../interp/values';

interface SelfRouted {
  spec: RegExp;
  /** Its member path as the interpreter writes it (`()` for `apiMetrics()`). */
  path: RegExp;
  what: string;
  /** The option naming the path, and its default. */
  option: string;
  default: string;
  /** Paths answered besides the one named (prometheus-api-metrics also answers `<path>.json`). */
  suffixes: readonly string[];
  /** An option that turns the route off when false. */
  switch?: string;
}

const SELF_ROUTED: readonly SelfRouted[] = [
  { spec: /^prometheus-api-metrics$/, path: /^\(\)$/, what: 'Prometheus metrics', option: 'metricsPath', default: '/metrics', suffixes: ['', '.json'] },
  { spec: /^express-prom-bundle$/, path: /^\(\)$/, what: 'Prometheus metrics', option: 'metricsPath', default: '/metrics', suffixes: [''], switch: 'autoregister' },
  { spec: /^express-status-monitor$/, path: /^\(\)$/, what: 'status monitor', option: 'path', default: '/status', suffixes: [''] },
];

/**
 * `use(mw)` with no path, where mw is one of the packages above: a route `ANY <path>` per path it
 * answers (every method: these check the path only), handled by the package, behind whatever
 * middleware runs before it. An option we cannot read leaves the path `dynamic`.
 */
export function selfRoutedMiddleware(x: Interp, r: RouterNode, args: Value[], site: SiteRef): void {
  if (args.some((a) => a.k === 'str' || a.k === 'arr')) return;
  for (const v of args) {
    if (v.k !== 'ext') continue;
    const known = SELF_ROUTED.find((s) => s.spec.test(v.spec) && s.path.test(v.path.join('.')));
    if (!known) continue;
    const opts = v.args?.[0];
    const props = opts?.k === 'obj' ? opts.props : undefined;
    const off = known.switch ? props?.get(known.switch) : undefined;
    if (off?.k === 'bool' && !off.v) continue;
    // Options we cannot read (a variable we could not evaluate) may move the path: then it is not known.
    const given = opts === undefined || props ? props?.get(known.option) : UNKNOWN(known.option);
    const base = given === undefined ? { s: known.default } : given.k === 'str' ? { s: given.v } : { dyn: `${known.option} of ${v.spec}` };
    for (const suffix of known.suffixes) {
      x.addRoute(r, 'ANY', 's' in base ? { s: base.s + suffix } : { dyn: base.dyn + suffix }, [v], site, { handlerText: `${known.what} (${v.spec})` });
    }
  }
}
