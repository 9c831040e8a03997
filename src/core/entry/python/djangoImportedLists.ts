// A urlconf that spreads lists imported from its sibling modules:
//
//     # plane/space/urls/__init__.py
//     from .intake import urlpatterns as intake_urls
//     from .issue import urlpatterns as issue_urls
//     urlpatterns = [*intake_urls, *issue_urls]
//
// Each list is the other module's, read there (its own views and imports), under the prefix the
// spreading conf is included at. The modules it imports from are then no urlconf roots of their own.
import type { UrlConf, UrlEntry } from './djangoFacts';

/** The conf and list a `*name` spread in `conf` reaches: its own list of that name, else the list it imported. */
export function spreadList(conf: UrlConf, name: string, confByFile: Map<string, UrlConf>): { home: UrlConf; key: string; list: UrlEntry[] } | undefined {
  const local = name.split('.').pop()!;
  if (conf.lists[local]) return { home: conf, key: name, list: conf.lists[local] };
  const imp = conf.importedLists?.[name];
  const home = imp ? confByFile.get(imp.module) : undefined;
  const list = imp && home?.lists[imp.name];
  return home && list ? { home, key: imp.name, list } : undefined;
}

/** The modules whose lists another conf spreads: included, so no root of their own. */
export function spreadModules(confs: UrlConf[]): string[] {
  const out: string[] = [];
  const walk = (conf: UrlConf, list: UrlEntry[]): void => {
    for (const e of list) {
      const imp = e.include?.list && !conf.lists[e.include.list] ? conf.importedLists?.[e.include.list] : undefined;
      if (imp) out.push(imp.module);
      if (e.include?.entries) walk(conf, e.include.entries);
    }
  };
  for (const c of confs) for (const l of Object.values(c.lists)) walk(c, l);
  return out;
}
