// A Django syndication Feed mounted as a view (`path("feeds/<str:feed_key>/all", AllFeed())`): the
// instance answers through Feed.__call__, which refuses only through `get_object(request, *args,
// **kwargs)` — called with the URL's values by name — turning ObjectDoesNotExist into 404. So:
// - a get_object that looks a credential up by a URL value (`FeedToken.objects.get(key__exact=feed_key)`,
//   `get_object_or_404(ApiKey, key=key)`) admits only callers holding a key: guarded, by the key;
// - one looking nothing of the kind up by the URL (none of its own, Feed's returns None; or a subclass's
//   `return super().get_object(request, None)` handing the base's lookup no URL value) refuses no one;
// - a Feed whose methods read the identity or test it (`request.user`) is left unknown, as before.
// Another lookup by a URL value (`Post.objects.get(slug=slug)`) is a missing page, not a refusal.
import type { Node } from 'web-tree-sitter';
import { kids, line } from '../treeUtil';
import { paramNames } from './pyScope';
import type { ViewClass } from '../djangoViews';
import type { ViewIndex } from '../djangoViewIndex';
import type { Guard } from '../types';
import { makeGuard } from '../guards';

export interface FeedGetObject {
  /** The parameters after `self` (`request` first). */
  params: string[];
  /** A credential looked up by one of the parameters. */
  keyLookup?: { text: string; line: number; param: string };
  /** `super().get_object(request, None)`: the texts of the positional arguments handed to the base's. */
  superArgs?: string[];
}

/**
 * A model or field that holds a secret: `FeedToken`, `ApiKey`, `share_token`, `invite_secret`. A plain `key`
 * field counts only on such a model (`FeedToken.objects.get(key__exact=…)`): `Category.objects.get(key=…)` is a page.
 */
const CREDENTIAL_MODEL = /(Token|Secret|ApiKey|AccessKey|PrivateKey)s?$/;
const CREDENTIAL_FIELD = /^((\w+_)?(token|secret)|(api|access|private|secret|feed)_key)$/i;

/** What a Feed's `get_object` does that Feed.__call__ turns into a refusal (only read for methods named so). */
export function feedGetObject(fn: Node): FeedGetObject {
  const params = paramNames(fn).slice(1);
  const out: FeedGetObject = { params };
  for (const c of fn.childForFieldName('body')?.descendantsOfType('call') ?? []) {
    if (!c) continue;
    const f = c.childForFieldName('function');
    const args = kids(c.childForFieldName('arguments'));
    if (f?.text.replace(/\s+/g, '') === 'super().get_object') {
      out.superArgs ??= args.filter((a) => a.type !== 'keyword_argument').map((a) => a.text);
      continue;
    }
    const objectsGet = f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'get' ? /^(\w+)\.objects$/.exec(f.childForFieldName('object')?.text ?? '') : null;
    const model = objectsGet ? objectsGet[1] : /^(\w+\.)?get_object_or_404$/.test(f?.text ?? '') ? args[0]?.text : undefined;
    if (!model || out.keyLookup) continue;
    for (const a of args) {
      if (a.type !== 'keyword_argument') continue;
      const field = (a.childForFieldName('name')?.text ?? '').replace(/__i?exact$/, '');
      const value = a.childForFieldName('value')?.text ?? '';
      if (params.slice(1).includes(value) && (CREDENTIAL_MODEL.test(model) || CREDENTIAL_FIELD.test(field))) {
        out.keyLookup = { text: c.text.replace(/\s+/g, ' '), line: line(c), param: value };
        break;
      }
    }
  }
  return out;
}

export type FeedVerdict = { kind: 'key'; guard: Guard } | { kind: 'open'; reason: string };

/** How a Feed instance answering at `path` (`:name` parameters) treats callers, or undefined when it is no Feed or reads the identity. */
export function feedVerdict(index: ViewIndex, cls: ViewClass, path: string): FeedVerdict | undefined {
  const lineage = index.lineage(cls);
  if (!index.allBases(cls).includes('Feed') || lineage.some((k) => k.name === 'Feed')) return undefined;
  if (lineage.some((k) => Object.values(k.methods).some((m) => m.refuses || m.reads))) return undefined;
  const fromUrl = new Set([...path.matchAll(/:(\w+)/g)].map((m) => m[1]));
  // Django hands get_object the URL's values by name; a super() call hands the base's its arguments by position.
  let bound: Set<string> | undefined;
  for (const k of lineage) {
    const g = k.methods.get_object?.feed;
    if (!g) continue;
    bound = bound ? new Set(g.params.filter((_p, i) => bound!.has(argsOf(lineage, k)[i] ?? ''))) : new Set(g.params.filter((p) => fromUrl.has(p)));
    const lookup = g.keyLookup;
    if (lookup && bound.has(lookup.param)) {
      const via = `a syndication Feed's get_object looks the URL's ${lookup.param} up (${lookup.text}); Feed.__call__ answers an unknown key with 404`;
      const guard = makeGuard(`${k.name}.get_object`, k.file, lookup.line, via, { kind: 'authentication', matched: lookup.text });
      if (guard) return { kind: 'key', guard };
    }
    if (!g.superArgs) break;
  }
  return { kind: 'open', reason: `a syndication Feed (${cls.name}): its get_object looks no key up by the URL's values, and Feed.__call__ refuses nothing else` };
}

/** The arguments the previous get_object in the lineage (the subclass's) hands to `k`'s through super(). */
function argsOf(lineage: ViewClass[], k: ViewClass): string[] {
  const before = lineage.slice(0, lineage.indexOf(k)).reverse().find((x) => x.methods.get_object?.feed);
  return before?.methods.get_object?.feed?.superArgs ?? [];
}
