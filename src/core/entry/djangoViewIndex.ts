// Django and DRF view classes looked up across the repository (djangoViews.ts collects them):
// a class by name, the one nearest the file asking when several apps each declare one, and what it
// inherits from bases written in the repository and from the framework's generic views and viewsets.
import type { LineRange } from '../model/types';
import { dict } from '../ownKeys';
import { ACTION_METHOD, DRF_BASES, GENERIC, HTTP, VIEWSET_ACTIONS, VIEWSET_BASES, type PyDecorator, type ViewClass } from './djangoViews';

/** Class lookup across the repository, following bases written in the repository. */
export class ViewIndex {
  private readonly byName = new Map<string, ViewClass[]>();
  constructor(classes: ViewClass[]) {
    for (const c of classes) this.byName.set(c.name, [...(this.byName.get(c.name) ?? []), c]);
  }

  get(name: string, preferFile?: string): ViewClass | undefined {
    const list = this.byName.get(name) ?? [];
    if (list.length < 2 || !preferFile) return list[0];
    // Two apps each with their own `BaseAPIView`: the one nearest the file asking (same file, then the deepest shared folder).
    const shared = (f: string): number => {
      const a = f.split('/');
      const b = preferFile.split('/');
      let i = 0;
      while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
      return f === preferFile ? Infinity : i;
    };
    return list.reduce((best, c) => (shared(c.file) > shared(best.file) ? c : best));
  }

  /** The class and its repository ancestors, nearest first (cycles cut). */
  lineage(c: ViewClass): ViewClass[] {
    const out: ViewClass[] = [];
    const walk = (k: ViewClass): void => {
      if (out.includes(k) || out.length > 20) return;
      out.push(k);
      for (const b of k.bases) {
        const p = this.get(b, k.file);
        if (p) walk(p);
      }
    };
    walk(c);
    return out;
  }

  /** Every base name in the lineage, including framework ones not in the repository. */
  allBases(c: ViewClass): string[] {
    return this.lineage(c).flatMap((k) => k.bases);
  }

  isDrf(c: ViewClass): boolean {
    return this.allBases(c).some((b) => DRF_BASES.test(b));
  }

  isViewSet(c: ViewClass): boolean {
    return this.allBases(c).some((b) => VIEWSET_BASES.test(b) || b in VIEWSET_ACTIONS);
  }

  /** HTTP method → method name that handles it, for a view routed with `.as_view()`. */
  httpMethods(c: ViewClass): Record<string, string> {
    const out: Record<string, string> = dict();
    for (const k of [...this.lineage(c)].reverse()) {
      for (const b of k.bases) Object.assign(out, GENERIC[b] ?? {});
      for (const m of Object.keys(k.methods)) if (HTTP.includes(m)) out[m.toUpperCase()] = m;
    }
    for (const [m, fn] of Object.entries(out)) if (this.switchedOff(c, fn)) delete out[m];
    // RedirectView answers every method through get: a subclass's own get is that one route, not a second.
    if (out.ANY && out.GET === out.ANY) delete out.GET;
    return this.onlyAllowed(c, out);
  }

  /** `http_method_names` narrows what the class answers (a RedirectView that takes POST only). */
  private onlyAllowed(c: ViewClass, methods: Record<string, string>): Record<string, string> {
    const allowed = this.lineage(c).find((k) => k.httpMethodNames)?.httpMethodNames?.filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
    if (!allowed?.length) return methods;
    const out: Record<string, string> = dict();
    for (const m of allowed) {
      const fn = methods[m] ?? methods.ANY;
      if (fn) out[m] = fn;
    }
    return out;
  }

  /** Viewset actions the class answers: standard ones from its bases and mixins, and methods it defines. */
  viewsetActions(c: ViewClass): string[] {
    const set = new Set<string>();
    for (const k of this.lineage(c)) {
      for (const b of k.bases) for (const a of VIEWSET_ACTIONS[b] ?? []) set.add(a);
      for (const m of Object.keys(k.methods)) if (m in ACTION_METHOD) set.add(m);
    }
    return Object.keys(ACTION_METHOD).filter((a) => set.has(a) && !this.switchedOff(c, a) && this.allows(c, ACTION_METHOD[a].method));
  }

  /** `http_method_names` lets the method through (a viewset narrowed to GET answers 405 to the rest of its routes). */
  allows(c: ViewClass, method: string): boolean {
    const allowed = this.lineage(c).find((k) => k.httpMethodNames)?.httpMethodNames;
    return !allowed?.length || allowed.includes(method);
  }

  /** The nearest definition of the method only answers 405. */
  private switchedOff(c: ViewClass, name: string): boolean {
    for (const k of this.lineage(c)) if (k.methods[name]) return !!k.methods[name].notAllowed;
    return false;
  }

  /** Where a method is defined in the lineage, or undefined when it is inherited from the framework. */
  methodOf(c: ViewClass, name: string): { cls: ViewClass; range: LineRange } | undefined {
    for (const k of this.lineage(c)) if (k.methods[name]) return { cls: k, range: k.methods[name].range };
    return undefined;
  }

  permissions(c: ViewClass): PyDecorator | undefined {
    for (const k of this.lineage(c)) if (k.permissions) return k.permissions;
    return undefined;
  }

  lookup(c: ViewClass): string {
    for (const k of this.lineage(c)) if (k.lookup) return k.lookup;
    return 'pk';
  }
}

/** Methods a Django/DRF class outside the repository answers when routed with `.as_view()` (`auth_views.LoginView`), if known. */
