// A urlconf helper that takes URL patterns as arguments and hands them back wrapped:
// `decorated_patterns([login_required, never_cache], path(...), *map_urls)` (the djangosnippets
// 532 idiom uMap uses), `required(login_required, [path(...)])` (django-required),
// `format_suffix_patterns([path(...)])`. Its pattern arguments are the routes it returns; its
// other arguments (a decorator, or a list of them) wrap every view among them, as the helper's
// DecoratedURLPattern.resolve does. Each wrapper is judged later like one written in place
// (`login_required(view)`), so an own decorator is read from its code and an unknown one is no
// guard of ours to claim.
import type { Node } from 'web-tree-sitter';
import { callArgs, kids, line } from '../treeUtil';
import type { PyDecorator } from '../djangoViews';
import type { UrlEntry } from './djangoFacts';

const PATTERN_CALL = /^(path|re_path|url)$/;

/** A `path()` / `re_path()` / `url()` call, or a `*name` spread of another list of patterns. */
function isPattern(n: Node): boolean {
  if (n.type === 'list_splat') return /^\w+$/.test(n.namedChildren[0]?.text ?? '');
  if (n.type !== 'call') return false;
  return PATTERN_CALL.test(n.childForFieldName('function')?.text.split('.').pop() ?? '');
}

/** A list or tuple written in place whose every element is a pattern. */
function isPatternList(n: Node): boolean {
  if (n.type !== 'list' && n.type !== 'tuple') return false;
  const els = kids(n);
  return els.length > 0 && els.every(isPattern);
}

/**
 * The routes a wrapping call returns, with its decorators on each; undefined when `call` is no
 * such helper (no pattern among its positional arguments, or an argument we cannot place).
 * `entriesOf` reads a list of pattern nodes as the urlconf reader does.
 */
export function wrappedPatterns(call: Node, entriesOf: (els: Node[]) => UrlEntry[]): UrlEntry[] | undefined {
  const fn = call.childForFieldName('function')?.text.split('.').pop() ?? '';
  // Django's own pattern builders are read elsewhere (i18n_patterns) or hold no routes of ours.
  if (/^(i18n_patterns|include|static|path|re_path|url)$/.test(fn)) return undefined;
  const args = callArgs(call).filter((a) => a.type !== 'keyword_argument');
  const patterns: Node[] = [];
  const wrappers: PyDecorator[] = [];
  for (const a of args) {
    if (isPattern(a)) patterns.push(a);
    else if (isPatternList(a)) patterns.push(...kids(a));
    else if (a.type === 'list' || a.type === 'tuple') {
      for (const d of kids(a)) {
        if (d.type !== 'identifier' && d.type !== 'attribute' && d.type !== 'call') return undefined;
        wrappers.push({ text: d.text.replace(/\s+/g, ' '), line: line(d) });
      }
    } else if (a.type === 'identifier' || a.type === 'attribute' || a.type === 'call') {
      wrappers.push({ text: a.text.replace(/\s+/g, ' '), line: line(a) });
    } else return undefined;
  }
  if (!patterns.length) return undefined;
  return entriesOf(patterns).map((e) => wrapEntry(e, wrappers));
}

/** The entry with `wrappers` around its view, or around every view it includes. */
function wrapEntry(e: UrlEntry, wrappers: PyDecorator[]): UrlEntry {
  if (!wrappers.length) return e;
  if (e.view) return { ...e, view: { ...e.view, wrappers: [...wrappers, ...e.view.wrappers] } };
  return { ...e, wrappers: [...wrappers, ...(e.wrappers ?? [])] };
}
