// A Python package named `test` or `tests` is usually the project's tests, and the pass leaves it
// out by its path (entryFiles.ts TEST_FILE). But `test` is also a word of some domains: DefectDojo's
// `dojo/test/` is the app of its "Test" model, with its URL conf and views, mounted by `dojo/urls.py`
// (`from dojo.test.ui.urls import urlpatterns as test_urls`). Tests are never reached from the
// service's own URL conf, so a module of such a package that the routing names (an include, an
// imported list, a router factory, a view's module) is the application's: the pass reads it, and
// the modules it names in turn. Files whose own name says test (`test_x.py`, `conftest.py`), and
// folders named otherwise (`fixtures/`, `testdata/`), stay tests.
import { isTestFile } from '../fileRoutes';
import { TEST_FILE } from '../entryFiles';
import type { DjangoFacts } from './djangoFacts';

/** A Python file the pass leaves out only because a folder above it is named `test` or `tests`. */
export function inTestPackageOnly(file: string): boolean {
  if (!file.endsWith('.py') || !isTestFile(file)) return false;
  return !TEST_FILE.test(file.replace(/(^|\/)tests?\//g, '$1pkg/'));
}

/** Module files the Django facts name as where a URL conf, list, router factory or view comes from. */
export function djangoNamedModules(facts: DjangoFacts): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if ((k === 'module' || k === 'routerModule') && typeof x === 'string') out.add(x);
        else walk(x);
      }
    }
  };
  walk(facts.confs);
  walk(facts.routerFactories);
  return out;
}

/**
 * Reads the held test-package files the routing reaches, then those that what was read reaches,
 * until none is left. `read` applies a file's facts to `facts` (the pass's own merge).
 */
export async function readReachedTestPackages<F extends { path: string }>(held: F[], facts: DjangoFacts, read: (f: F) => Promise<void>): Promise<void> {
  let left = held;
  while (left.length) {
    const named = djangoNamedModules(facts);
    const now = left.filter((f) => named.has(f.path));
    if (!now.length) return;
    left = left.filter((f) => !named.has(f.path));
    for (const f of now) await read(f);
  }
}
