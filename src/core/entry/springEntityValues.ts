// A functional endpoint's prefix value made by a static helper of ours from an entity:
// `groupVersion() { return PublicApiUtils.groupVersion(new Category()); }`, where the helper reads
// the entity class's annotation (`@GVK(group = Constant.GROUP, version = "v1alpha1", …)`, through
// `extension.groupVersionKind()` or `getClass().getAnnotation(GVK.class)`) and builds a record of
// strings from its attributes (`new GroupVersion("api." + StringUtils.defaultIfBlank(gvk.group(),
// "halo.run"), gvk.version())`). Read statically from the helper's and the entity's files (both
// mapped Java files, so the answer's key already covers them); a shape we do not follow stays
// unresolved and the route's path dynamic, as before.
import type { FunctionalFileFacts, FunctionalValue } from './springFunctionalRoutes';
import { closeOf } from './javaBrackets';
import { dict } from '../ownKeys';
import { splitTop as splitOutside } from './springRuleConstants';

type ReadOptional = (rel: string) => Promise<string | undefined>;

const STRING = /^"((?:[^"\\\n]|\\.)*)"$/;

/** `a, b(c, d)` split at its top-level commas (or pluses), each piece trimmed. */
const splitTop = (text: string, sep: string): string[] => splitOutside(text, sep).map((x) => x.trim());

/** `final String NAME = "…";` of a file. */
function stringConstants(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\bfinal\s+(?:(?:public|protected|private|static)\s+)*String\s+(\w+)\s*=\s*"((?:[^"\\\n]|\\.)*)"\s*;/g)) out.set(m[1]!, m[2]!);
  return out;
}

interface Helper {
  param: string;
  locals: Map<string, string>;
  type: string;
  args: string[];
}

/** A static method with one parameter whose one return builds a record: `return new R(a, b);`. */
function helperIn(text: string, method: string): Helper | undefined {
  const m = new RegExp(`\\bstatic\\s+(?:final\\s+)?[\\w<>.]+\\s+${method}\\s*\\(\\s*(?:final\\s+)?[\\w<>.?]+\\s+(\\w+)\\s*\\)\\s*\\{`).exec(text);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  const body = text.slice(open + 1, closeOf(text, open) - 1);
  const returns = [...body.matchAll(/\breturn\b/g)];
  const ret = /\breturn\s+new\s+(\w+)\s*\(([\s\S]*)\)\s*;\s*$/.exec(body.trim());
  if (returns.length !== 1 || !ret) return undefined;
  const locals = new Map<string, string>();
  for (const l of body.matchAll(/(?<=^|[;{}])\s*(?:final\s+)?(?:var|[\w<>.]+)\s+(\w+)\s*=\s*([^;]+);/g)) locals.set(l[1]!, l[2]!.trim());
  return { param: m[1]!, locals, type: ret[1]!, args: splitTop(ret[2]!, ',') };
}

/** Evaluates a helper's expression over the entity annotation's attributes; undefined for what it does not follow. */
function evaluate(expr: string, h: Helper, attrs: Map<string, string>, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const e = expr.trim();
  const terms = splitTop(e, '+');
  if (terms.length > 1) {
    const vals = terms.map((t) => evaluate(t, h, attrs, depth + 1));
    return vals.every((v): v is string => v !== undefined) ? vals.join('') : undefined;
  }
  const lit = STRING.exec(e);
  if (lit) return lit[1];
  if (h.locals.has(e)) return evaluate(h.locals.get(e)!, h, attrs, depth + 1);
  // `StringUtils.defaultIfBlank(x, "d")`, `defaultIfEmpty`, `Objects.requireNonNullElse`: the default when x is empty.
  const dflt = /^(?:\w+\.)?(defaultIfBlank|defaultIfEmpty|requireNonNullElse)\s*\(([\s\S]*)\)$/.exec(e);
  if (dflt) {
    const [x, d] = splitTop(dflt[2]!, ',');
    const v = x === undefined ? undefined : evaluate(x, h, attrs, depth + 1);
    return v === undefined ? undefined : v.trim() === '' && d !== undefined ? evaluate(d, h, attrs, depth + 1) : v;
  }
  // `gvk.group()` over `gvk = param.groupVersionKind()` or `param.getClass().getAnnotation(A.class)`; or written in one.
  const read = /^([\s\S]+)\.(\w+)\s*\(\s*\)$/.exec(e);
  if (read && attrs.has(read[2]!) && annotationOf(read[1]!.trim(), h, depth)) return attrs.get(read[2]!);
  return undefined;
}

function annotationOf(expr: string, h: Helper, depth: number): boolean {
  if (depth > 8) return false;
  if (h.locals.has(expr)) return annotationOf(h.locals.get(expr)!, h, depth + 1);
  return new RegExp(`^${h.param}\\s*\\.\\s*(groupVersionKind\\s*\\(\\s*\\)|getClass\\s*\\(\\s*\\)\\s*\\.\\s*getAnnotation\\s*\\(\\s*\\w+\\.class\\s*\\))$`).test(expr);
}

/** The attributes of the annotation on `class Entity` that names a group and a version, constants resolved. */
async function entityAttributes(entity: string, fileOf: (type: string, near?: string) => Promise<{ file: string; text: string } | undefined>): Promise<Map<string, string> | undefined> {
  const own = await fileOf(entity);
  if (!own) return undefined;
  const cls = new RegExp(`\\bclass\\s+${entity}\\b`).exec(own.text);
  if (!cls) return undefined;
  const head = own.text.slice(0, cls.index);
  const ann = [...head.matchAll(/@(\w+)\s*\(/g)].reverse().find((a) => {
    const args = head.slice(a.index! + a[0].length - 1, closeOf(head, a.index! + a[0].length - 1));
    return /\bgroup\s*=/.test(args) && /\bversion\s*=/.test(args);
  });
  if (!ann) return undefined;
  const open = ann.index! + ann[0].length - 1;
  const attrs = new Map<string, string>();
  const consts = stringConstants(own.text);
  for (const part of splitTop(head.slice(open + 1, closeOf(head, open) - 1), ',')) {
    const kv = /^(\w+)\s*=\s*([\s\S]+)$/.exec(part);
    if (!kv) continue;
    const v = kv[2]!.trim();
    const lit = STRING.exec(v);
    const ref = /^(?:(\w+)\.)?([A-Z][A-Z0-9_]*)$/.exec(v);
    if (lit) attrs.set(kv[1]!, lit[1]!);
    else if (ref && !ref[1] && consts.has(ref[2]!)) attrs.set(kv[1]!, consts.get(ref[2]!)!);
    else if (ref?.[1]) {
      const other = ref[1] === entity ? own : await fileOf(ref[1], own.file);
      const value = other ? stringConstants(other.text).get(ref[2]!) : undefined;
      if (value !== undefined) attrs.set(kv[1]!, value);
    }
  }
  return attrs;
}

/** The facts with each `{ helper, entity }` value that could be read replaced by the record it makes. */
export async function resolveEntityValues(facts: FunctionalFileFacts[], javaFiles: string[], readOptional: ReadOptional): Promise<FunctionalFileFacts[]> {
  const wanted = facts.some((f) => f.classes.some((c) => Object.values(c.values).some((v) => v !== null && typeof v === 'object' && 'helper' in v)));
  if (!wanted) return facts;
  const texts = new Map<string, string | undefined>();
  const read = async (file: string) => {
    if (!texts.has(file)) texts.set(file, await readOptional(file));
    return texts.get(file);
  };
  // A type's file: the only one of its name; else the one beside `near`, or the one `near` imports.
  const fileOf = async (type: string, near?: string): Promise<{ file: string; text: string } | undefined> => {
    const named = javaFiles.filter((f) => f.endsWith(`/${type}.java`) || f === `${type}.java`);
    let file = named.length === 1 ? named[0] : undefined;
    if (!file && near && named.length > 1) {
      const dir = near.slice(0, near.lastIndexOf('/') + 1);
      file = named.find((f) => f === `${dir}${type}.java`);
      const imported = file ? undefined : new RegExp(`^import\\s+([\\w.]+)\\.${type}\\s*;`, 'm').exec((await read(near)) ?? '');
      if (imported) file = named.find((f) => f.endsWith(`/${imported[1]!.replace(/\./g, '/')}/${type}.java`));
    }
    const text = file ? await read(file) : undefined;
    return file && text !== undefined ? { file, text } : undefined;
  };
  const cache = new Map<string, FunctionalValue>();
  const valueOf = async (v: { helper: string; entity: string }): Promise<FunctionalValue> => {
    const key = `${v.helper}(${v.entity})`;
    if (cache.has(key)) return cache.get(key)!;
    const [cls, method] = v.helper.split('.');
    const helperFile = await fileOf(cls!);
    const h = helperFile ? helperIn(helperFile.text, method!) : undefined;
    const attrs = h ? await entityAttributes(v.entity, fileOf) : undefined;
    const args = h && attrs ? h.args.map((a) => evaluate(a, h, attrs)) : [];
    const out: FunctionalValue = h && attrs && args.every((a): a is string => a !== undefined) ? { type: h.type, args } : null;
    cache.set(key, out);
    return out;
  };
  const result: FunctionalFileFacts[] = [];
  for (const f of facts) {
    const classes = [];
    for (const c of f.classes) {
      const values: Record<string, FunctionalValue> = dict();
      for (const [k, v] of Object.entries(c.values)) values[k] = v !== null && typeof v === 'object' && 'helper' in v ? await valueOf(v) : v;
      classes.push({ ...c, values });
    }
    result.push({ ...f, classes });
  }
  return result;
}
