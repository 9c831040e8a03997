// The few library functions route code builds paths and tables with: string methods, array
// iteration, Object.*, path joining and format strings, in the languages the map reads.
// Anything else stays an external or unknown value.
import type { Interp } from './interpreter';
import type { ArrValue, ExtValue, SiteRef, Value } from './values';
import { appendItems, derived, forwardTo, onLater } from './collections';
import { truth } from './whenEval';
import { NULL, STR, UNKNOWN, valueText } from './values';
import { regexReplace } from './safeRegex';
import { dataParser, parseData } from './dataValues';
import { dataPath } from './dataFiles';

const JS_GLOBALS = new Set(['Object', 'Reflect', 'Array', 'String', 'JSON', 'Promise', 'Math', 'Number', 'Symbol', 'console', 'Boolean', 'Date', 'Error', 'Map', 'Set', 'process', 'globalThis', 'Buffer', 'URL']);

export function globalValue(name: string): Value | undefined {
  if (name === 'undefined' || name === 'None' || name === 'nil' || name === 'null') return NULL;
  if (name === 'True' || name === 'true') return { k: 'bool', v: true };
  if (name === 'False' || name === 'false') return { k: 'bool', v: false };
  if (JS_GLOBALS.has(name)) return { k: 'ext', spec: name, path: [] };
  return undefined;
}

function strs(args: Value[]): string[] | undefined {
  const out: string[] = [];
  for (const a of args) {
    if (a.k === 'str') out.push(a.v);
    else if (a.k === 'num') out.push(String(a.v));
    else return undefined;
  }
  return out;
}

/** `path.join`, `posixpath.join`, `url-join`: segments joined with one slash between them. */
export function joinSegments(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (p === '') continue;
    if (!out) out = p;
    else out = out.replace(/\/+$/, '') + '/' + p.replace(/^\/+/, '');
  }
  return out.replace(/\/\.\//g, '/');
}

/** `%s`/`%d`/`%v` (Go, Python `%`, util.format) and `{}`/`{0}`/`{name}` (Python str.format, Java MessageFormat). */
export function formatString(fmt: string, args: Value[], kwargs: Map<string, Value> = new Map()): string | undefined {
  let i = 0;
  let ok = true;
  const take = (v: Value | undefined): string => {
    if (v?.k === 'str') return v.v;
    if (v?.k === 'num') return String(v.v);
    ok = false;
    return '';
  };
  let out = fmt.replace(/%[-+ #0-9.]*([svdqw])/g, () => take(args[i++]));
  out = out.replace(/\{(\w*)(?::[^}]*)?\}/g, (_m, name: string) => (name === '' ? take(args[i++]) : /^\d+$/.test(name) ? take(args[Number(name)]) : take(kwargs.get(name))));
  return ok ? out : undefined;
}

export function stringMethod(x: Interp, s: string, prop: string, args: Value[]): Value | undefined {
  const a = strs(args.filter((v) => v.k !== 'kw'));
  switch (prop) {
    case 'concat':
      return a ? STR(s + a.join('')) : undefined;
    case 'toLowerCase':
    case 'lower':
    case 'ToLower':
      return STR(s.toLowerCase());
    case 'toUpperCase':
    case 'upper':
      return STR(s.toUpperCase());
    case 'trim':
    case 'strip':
      return STR(a?.[0] ? s.replace(new RegExp(`^[${escapeClass(a[0])}]+|[${escapeClass(a[0])}]+$`, 'g'), '') : s.trim());
    case 'rstrip':
    case 'trimEnd':
      return STR(a?.[0] ? s.replace(new RegExp(`[${escapeClass(a[0])}]+$`), '') : s.trimEnd());
    case 'lstrip':
    case 'trimStart':
      return STR(a?.[0] ? s.replace(new RegExp(`^[${escapeClass(a[0])}]+`), '') : s.trimStart());
    case 'replace':
    case 'replaceAll': {
      if (a && a.length >= 2) return STR(prop === 'replaceAll' || x.program.language(x.currentFile) === 'python' ? s.split(a[0]).join(a[1]) : s.replace(a[0], a[1]));
      // A regular-expression literal and a string replacement (`'/{slug}/'.replace(/{(\w+)}/g, ':$1')`).
      const [re, by] = args;
      if (re?.k === 'unknown' && by?.k === 'str') {
        const r = regexReplace(s, re.text, by.v, prop === 'replaceAll');
        return r !== undefined ? STR(r) : undefined;
      }
      return undefined;
    }
    case 'slice':
    case 'substring':
    case 'substr': {
      const n = args.map((v) => (v.k === 'num' ? v.v : undefined));
      if (n.some((v) => v === undefined)) return undefined;
      return STR(prop === 'substr' ? s.substr(n[0]!, n[1]) : prop === 'slice' ? s.slice(n[0], n[1]) : s.substring(n[0]!, n[1]));
    }
    case 'split':
      return a && a.length ? { k: 'arr', items: s.split(a[0]).map(STR) } : undefined;
    case 'format': {
      const kw = new Map<string, Value>();
      for (const v of args) if (v.k === 'kw') kw.set(v.name, v.v);
      const r = formatString(s, args.filter((v) => v.k !== 'kw'), kw);
      return r !== undefined ? STR(r) : UNKNOWN(`${JSON.stringify(s)}.format(…)`);
    }
    case 'join': {
      // Python: '/'.join(parts)
      const list = args[0];
      if (list?.k === 'arr') {
        const parts = strs(list.items);
        return parts ? STR(parts.join(s)) : undefined;
      }
      return undefined;
    }
    case 'toString':
    case 'valueOf':
      return STR(s);
    default:
      return undefined;
  }
}

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, '\\$&');
}

/** Arrays some of whose items a filter kept without knowing its answer for them (see settledLocals.ts). */
export const INEXACT = new WeakSet<Value>();

export function arrayMethod(x: Interp, arr: ArrValue, prop: string, args: Value[], site: SiteRef): Value | undefined {
  const cb = args[0];
  const isCb = !!cb && (cb.k === 'fn' || cb.k === 'native');
  const call = (item: Value, i: number): Value => (isCb ? x.callValue(cb, [item, { k: 'num', v: i }, arr], site) : UNKNOWN('callback'));
  switch (prop) {
    case 'forEach':
      arr.items.slice(0, 500).forEach((v, i) => call(v, i));
      // Items appended later (a registry filled by modules that run after this one) are iterated too.
      if (isCb) {
        const mark = x.seqMark();
        onLater(arr, (v, i) => void x.replayAt(mark, () => call(v, i)));
      }
      return NULL;
    case 'map':
    case 'flatMap': {
      const flat = (vs: Value[]): Value[] => (prop === 'flatMap' ? vs.flatMap((v) => (v.k === 'arr' ? v.items : [v])) : vs);
      const out: ArrValue = { k: 'arr', items: flat(arr.items.slice(0, 500).map((v, i) => call(v, i))) };
      if (isCb) {
        const mark = x.seqMark();
        onLater(arr, (v, i) => appendItems(out, flat([x.replayAt(mark, () => call(v, i))])));
      }
      return out;
    }
    case 'filter': {
      // An item the callback surely refuses (`(p) => p !== NONE` on 'NONE') is left out; one whose
      // answer is not known (a guess, a setting, what the request holds) stays, as before.
      let undecided = !isCb || arr.items.length > 500;
      const refused = (r: Value): boolean => {
        const t = x.guessed.has(r) || x.configured.has(r) ? undefined : truth(r);
        if (t === undefined) undecided = true;
        return t === false;
      };
      const out: ArrValue = { k: 'arr', items: arr.items.slice(0, 500).filter((v, i) => !refused(call(v, i))).concat(arr.items.slice(500)) };
      // Items kept without a sure answer: its length is an upper bound, not the length.
      if (undecided) INEXACT.add(out);
      if (isCb) {
        const mark = x.seqMark();
        onLater(arr, (v, i) => {
          if (!refused(x.replayAt(mark, () => call(v, i)))) appendItems(out, [v]);
        });
      } else forwardTo(arr, out);
      return out;
    }
    // `list.keys()`: the indices (a `for (let i = 0; i < list.length; i++)` loop reads as a loop over
    // them, facts/indexLoops.ts); items appended later (listeners bound after) add theirs.
    case 'keys': {
      if (args.length) return undefined;
      const out: ArrValue = { k: 'arr', items: arr.items.slice(0, 500).map((_, i): Value => ({ k: 'num', v: i })) };
      onLater(arr, (_, i) => appendItems(out, [{ k: 'num', v: i }]));
      return out;
    }
    // `args.slice(1)` with literal bounds on an exact list: those items (`Array.prototype.slice.call(arguments, 1)`).
    case 'slice':
      if (args.length && args.every((a) => a.k === 'num') && !INEXACT.has(arr)) return { k: 'arr', items: arr.items.slice(...args.map((a) => (a.k === 'num' ? a.v : 0))) };
      return derived(arr);
    case 'reverse':
    case 'sort':
      return derived(arr);
    case 'concat':
      return { k: 'arr', items: [...arr.items, ...args.flatMap((v) => (v.k === 'arr' ? v.items : [v]))] };
    case 'flat':
      return { k: 'arr', items: arr.items.flatMap((v) => (v.k === 'arr' ? v.items : [v])) };
    case 'push':
    case 'append':
    case 'unshift':
      appendItems(arr, args);
      return { k: 'num', v: arr.items.length };
    case 'extend':
      if (args[0]?.k === 'arr') appendItems(arr, args[0].items);
      return NULL;
    case 'join': {
      const parts = strs(arr.items);
      const sep = args[0]?.k === 'str' ? args[0].v : ',';
      return parts ? STR(parts.join(sep)) : undefined;
    }
    default:
      return undefined;
  }
}

/** `Object.keys/values/entries/assign/freeze/defineProperty/setPrototypeOf`. */
export function objectStatic(x: Interp, prop: string, args: Value[]): Value | undefined {
  const o = args[0];
  switch (prop) {
    case 'keys':
      return o?.k === 'obj' ? { k: 'arr', items: [...o.props.keys()].map(STR) } : undefined;
    case 'values':
      return o?.k === 'obj' ? { k: 'arr', items: [...o.props.values()] } : undefined;
    case 'entries':
      return o?.k === 'obj' ? { k: 'arr', items: [...o.props].map(([k, v]) => ({ k: 'arr', items: [STR(k), v] }) as Value) } : undefined;
    case 'assign':
      if (o?.k === 'obj') {
        for (const s of args.slice(1)) if (s.k === 'obj') for (const [k, v] of s.props) o.props.set(k, v);
        // Keys copied from something not wholly known (a plugin's routes, read at run time): the
        // object may hold keys we do not see, so a key it lacks is no longer surely absent.
        if (args.slice(1).some((s) => s.k !== 'obj' || !s.lit)) delete o.lit;
        return o;
      }
      if (o?.k === 'router') {
        for (const s of args.slice(1)) if (s.k === 'obj') for (const [k, v] of s.props) o.r.extra.set(k, v);
        return o;
      }
      return undefined;
    case 'freeze':
    case 'seal':
      return o;
    case 'setPrototypeOf':
      // `Object.setPrototypeOf(fn, router)`: the function now answers as that router does.
      return args[1]?.k === 'router' ? args[1] : o;
    case 'defineProperty': {
      const name = x.str(args[1]);
      const desc = args[2];
      const v = desc?.k === 'obj' ? desc.props.get('value') : undefined;
      if (o?.k === 'obj' && name && v) o.props.set(name, v);
      return o;
    }
    default:
      return undefined;
  }
}

const FS_MODULES = /^(node:)?fs(\/promises)?$|^(fs-extra|graceful-fs)$/;
const FS_READS = new Set(['readFileSync', 'readFile', 'promises.readFile']);
const URL_JOIN = /^(url_?join|join_?url|join_?urls|join_?paths?)$/i;
const PATH_MODULES = /^(node:)?path(\/posix)?$|^(url-join|urljoin|proper-url-join|posixpath|os\.path|path)$/;

/** Calls of library functions that build strings: path joins, format functions. */
export function extCall(x: Interp, ext: ExtValue, args: Value[]): Value | undefined {
  const fn = ext.path.filter((p) => p !== 'posix' && p !== 'win32').join('.');
  const positional = args.filter((a) => a.k !== 'kw');
  // `path.join(__dirname, 'routes.yaml')` (TypeScript's output writes `path_1.default.join`): a file of the repository.
  const bare = fn.replace(/^default\./, '');
  const [first, ...rest] = positional;
  if (PATH_MODULES.test(ext.spec) && (bare === 'join' || bare === 'resolve') && first?.k === 'unknown' && first.file !== undefined) {
    const segs = strs(rest);
    const file = segs ? dataPath(first.file, segs) : undefined;
    return file !== undefined ? { k: 'unknown', text: `${bare}(${positional.map(valueText).join(', ')})`, file } : undefined;
  }
  // `path.isAbsolute(p)`: a repository path is absolute where the code runs (it is built from `__dirname`).
  if (PATH_MODULES.test(ext.spec) && bare === 'isAbsolute' && first?.k === 'unknown' && first.file !== undefined) return { k: 'bool', v: true };
  // `path.normalize(p)` of such a path: the same repository path (it is kept normalised).
  if (PATH_MODULES.test(ext.spec) && bare === 'normalize' && positional.length === 1 && first?.k === 'unknown' && first.file !== undefined) return first;
  // A read of such a file, when it is a data file read for the program: its text.
  if (FS_MODULES.test(ext.spec) && FS_READS.has(bare) && first?.k === 'unknown' && first.file !== undefined) {
    const text = x.program.dataFile?.(first.file);
    // Not read (absent from the repository, or named only by this run): unknown, not a package's
    // value. So `try { return await readFile(userFile) } catch { return null }` answers null, and
    // the code goes on to its bundled default as a fresh install does.
    if (text !== undefined) return STR(text);
    return { k: 'unknown', text: `${bare}(${valueText(first)})`, ...(x.program.dataFileAbsent?.(first.file) ? { throws: true as const } : {}) };
  }
  if (PATH_MODULES.test(ext.spec) && (fn === 'join' || fn === 'resolve' || fn === '' || fn === 'normalize' || fn === 'urljoin')) {
    const parts = strs(positional);
    return parts ? STR(joinSegments(parts)) : undefined;
  }
  // A URL-join method of a library object (`urls.urlJoin('/p/', ':id')`, `helpers.joinUrl(a, b)`):
  // joins its string parts with one slash, whatever the package; not strings, not evaluated.
  const last = ext.path.filter((p) => p !== '()').pop() ?? '';
  if (URL_JOIN.test(last) && positional.length) {
    const parts = strs(positional);
    // A part we cannot evaluate (a path from settings) keeps the whole join as its expression: a
    // route registered with it is still a route, its path `dynamic`.
    return parts ? STR(joinSegments(parts)) : UNKNOWN(`${last}(${positional.map(valueText).join(', ')})`);
  }
  if ((ext.spec === 'util' || ext.spec === 'node:util') && fn === 'format') {
    const [f, ...rest] = positional;
    const r = f?.k === 'str' ? formatString(f.v, rest) : undefined;
    return r !== undefined ? STR(r) : undefined;
  }
  if (ext.spec === 'fmt' && (fn === 'Sprintf' || fn === 'Sprint')) {
    const [f, ...rest] = positional;
    if (fn === 'Sprint') {
      const parts = strs(positional);
      return parts ? STR(parts.join('')) : undefined;
    }
    const r = f?.k === 'str' ? formatString(f.v, rest) : undefined;
    return r !== undefined ? STR(r) : undefined;
  }
  if (ext.spec === 'strings') {
    const a = strs(positional);
    if (!a) return undefined;
    if (fn === 'Join' && positional[0]?.k === 'arr') {
      const parts = strs(positional[0].items);
      const sep = positional[1]?.k === 'str' ? positional[1].v : '';
      return parts ? STR(parts.join(sep)) : undefined;
    }
    if (fn === 'TrimSuffix' && a.length === 2) return STR(a[0].endsWith(a[1]) ? a[0].slice(0, -a[1].length) : a[0]);
    if (fn === 'TrimPrefix' && a.length === 2) return STR(a[0].startsWith(a[1]) ? a[0].slice(a[1].length) : a[0]);
    if (fn === 'TrimRight' && a.length === 2) return STR(a[0].replace(new RegExp(`[${escapeClass(a[1])}]+$`), ''));
    if (fn === 'ToLower') return STR(a[0].toLowerCase());
  }
  if ((ext.spec === 'String' && fn === '') || (ext.spec === 'str' && fn === '')) {
    const a = strs(positional);
    return a?.length === 1 ? STR(a[0]) : undefined;
  }
  if (ext.spec === 'String' && fn === 'format') {
    const [f, ...rest] = positional;
    const r = f?.k === 'str' ? formatString(f.v, rest) : undefined;
    return r !== undefined ? STR(r) : undefined;
  }
  // Configuration text parsed by the code (`yaml.load(text)`, `JSON.parse(text)`), when the text is known.
  const parser = dataParser(ext.spec, fn.replace(/^default\./, ''));
  if (parser) return positional[0]?.k === 'str' ? parseData(positional[0].v, parser) : undefined;
  if (ext.spec === 'Object' || ext.spec === 'Reflect') return objectStatic(x, fn, args);
  if (ext.spec === 'Promise' && (fn === 'resolve' || fn === 'all')) return positional[0];
  // `Array.from(set)`, `Array.from(list)`: the same items (a mapping callback is not run).
  if (ext.spec === 'Array' && fn === 'from' && positional.length === 1 && positional[0]?.k === 'arr') return { k: 'arr', items: [...positional[0].items] };
  return undefined;
}
