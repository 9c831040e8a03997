// Spark Java (spark.Spark, sparkjava.com) routes and filters, read from the text of a Java file:
//   get("/hello", (req, res) -> …);  post(API + "secure/x", Controller::create, json::write);   (static verbs)
//   Spark.get(…);  http.get(…) on a `spark.Service` (Service.ignite());  path("/api", () -> { get("/x", …); })
//   before(API + "secure/*", (req, res) -> { Auth.checkUser(req); });  before((req, res) -> …)   (filters)
// A verb's path is a string expression: literals, constants of the file, and — when it is written
// inside a method, `register(String apiPrefix) { get(apiPrefix + "x", …) }` — that method's String
// parameter, given by the call sites (`ProjectController.register(API_PREFIX)` in another file),
// which sparkLink.ts resolves once every file is read. Spark concatenates, it does not join: the
// prefix "/api/manager/" and "secure/x" make "/api/manager/secure/x".
// A filter refuses when its code, or a method of ours it calls, halts with 401/403 (`halt(401)`, a
// helper named for halting given 401/403: `logMessageAndHalt(req, 401, …)`); the methods of every
// file that uses Spark are kept with their direct refusals and the calls they make, so that a
// filter's or a handler's check in another class is judged by its code (sparkLink.ts).
import type { RouteDecl } from './types';
import { table } from '../ownKeys';
import { closeOf, classAt, ktClassSpans, lineOf, maskKotlin, splitArgs } from './kotlinText';

const VERB: Readonly<Record<string, string>> = table({ get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', trace: 'TRACE', connect: 'CONNECT' });
const VERB_NAMES = 'get|post|put|patch|delete|head|options|trace|connect';

/** A path expression: its text, or the enclosing method's parameter it starts with and the text after it. */
export interface SparkPath {
  /** Resolved in the file (literals and the file's constants). */
  path?: string;
  /** `param + "rest"`: the parameter's position in its method, the method and class. */
  param?: { cls: string; method: string; index: number; rest: string };
  /** Written with something not read here. */
  dynamic?: string;
}

export interface SparkFilter {
  file: string;
  line: number;
  text: string;
  where: SparkPath;
  /** Its own code halts with 401/403. */
  refuses: boolean;
  /** Calls of ours it makes (`Auth0Connection.checkUser`, `checkUser`): judged by their code when linking. */
  calls: SparkCall[];
  /** `if (req.requestMethod().equals("OPTIONS")) return;` at its top: preflight requests pass. */
  optionsThrough: boolean;
}

export interface SparkCall {
  cls?: string;
  name: string;
}

/** A method of a file that uses Spark: whether it refuses itself, and what it calls. */
export interface SparkMethod {
  cls: string;
  name: string;
  file: string;
  line: number;
  refuses?: string;
  calls: SparkCall[];
}

/** `Cls.method(…)` with string arguments read in the file (the prefixes a register method is given). */
export interface SparkSite {
  cls: string;
  method: string;
  args: (string | undefined)[];
}

export interface SparkFileFacts {
  routes: RouteDecl[];
  filters: SparkFilter[];
  methods: SparkMethod[];
  sites: SparkSite[];
}

/** The file uses Spark: its imports name the spark package. */
export function usesSpark(text: string): boolean {
  return /^import\s+(?:static\s+)?spark\.[\w.*]+\s*;/m.test(text);
}

// `halt(401…)`, `halt(HttpStatus.UNAUTHORIZED_401…)`, or a helper named for halting given 401/403 (`logMessageAndHalt(req, 403, …)`).
const REFUSAL = /\b\w*[hH]alt\w*\s*\((?:[^()]|\([^()]*\))*?\b(?:40[13]|\w*UNAUTHORIZED\w*|\w*FORBIDDEN\w*)\b/;

export function sparkFileFacts(text: string, file: string): SparkFileFacts | undefined {
  if (!usesSpark(text)) return undefined;
  const m = maskKotlin(text);
  const spans = ktClassSpans(m).filter((s) => new RegExp(`\\b(?:class|interface|enum)\\s+${s.name}\\b`).test(m));
  const consts = stringConstants(text);
  const staticVerbs = new Set<string>();
  for (const i of text.matchAll(/^import\s+static\s+spark\.Spark\.(\*|\w+)\s*;/gm)) {
    if (i[1] === '*') for (const v of [...VERB_NAMES.split('|'), 'path', 'before']) staticVerbs.add(v);
    else staticVerbs.add(i[1]);
  }
  const services = new Set([...m.matchAll(/\b(?:spark\s*\.\s*)?Service\s+(\w+)\s*[=;,)]/g)].map((x) => x[1]));
  const methods = javaMethods(text, m, spans, file);
  const inMethod = (at: number) => methods.filter((x) => x.start < at && at < x.end).sort((a, b) => b.start - a.start)[0];
  const pathOf = (a: { start: number; end: number }, at: number): SparkPath => readPath(text.slice(a.start, a.end).trim(), consts, inMethod(at));
  // `path("/api", () -> { … })` groups: their prefix (concatenated like the verbs' paths).
  const groups: { start: number; end: number; where: SparkPath }[] = [];
  const recvOk = (recv: string | undefined, name: string) => (!recv ? staticVerbs.has(name) : recv === 'Spark' || services.has(recv));
  for (const c of m.matchAll(/(?:\b(\w+)\s*\.\s*|(?<![\w.$]))path\s*\(/g)) {
    if (!recvOk(c[1], 'path')) continue;
    const open = c.index + c[0].length - 1;
    const args = splitArgs(m, open + 1, closeOf(m, open) - 1);
    if (args.length === 2) groups.push({ start: args[1].start, end: args[1].end, where: pathOf(args[0], c.index) });
  }
  const routes: RouteDecl[] = [];
  const filters: SparkFilter[] = [];
  const verbs = new RegExp(`(?:\\b(\\w+)\\s*\\.\\s*|(?<![\\w.$]))(${VERB_NAMES}|before)\\s*\\(`, 'g');
  for (const c of m.matchAll(verbs)) {
    if (!recvOk(c[1], c[2])) continue;
    // A method declaration (`public Object get(Request req)`) is no call.
    if (!c[1] && /\b(?:void|public|private|protected|static|[A-Z]\w*(?:<[^>]*>)?)\s+$/.test(m.slice(Math.max(0, c.index - 40), c.index))) continue;
    const open = c.index + c[0].length - 1;
    const args = splitArgs(m, open + 1, closeOf(m, open) - 1);
    const isPath = (a: { start: number; end: number }) => !/->|::|^\s*new\s/.test(m.slice(a.start, a.end));
    const enclosing = groups.filter((g) => g.start < c.index && c.index < g.end).sort((a, b) => a.start - b.start);
    if (c[2] === 'before') {
      const h = args[args.length - 1];
      if (!h || isPath(h)) continue;
      const own: SparkPath = args.length >= 2 && isPath(args[0]) ? pathOf(args[0], c.index) : { path: '*' };
      filters.push(filterOf(text, m, file, c.index, h, joinAll([...enclosing.map((g) => g.where), own]), methods));
      continue;
    }
    // (path, [acceptType,] route, [transformer | engine]): the route is the first lambda, method reference or instance.
    if (args.length < 2 || !isPath(args[0])) continue;
    const h = args.slice(1).find((a) => !isPath(a));
    if (!h) continue;
    const where = joinAll([...enclosing.map((g) => g.where), pathOf(args[0], c.index)]);
    const shown = text.slice(h.start, h.end).trim().replace(/\s+/g, ' ');
    const lambda = /^(?:\w+|\([^)]*\))\s*->/.test(m.slice(h.start, h.end).trim());
    const ref = /^([A-Za-z_]\w*)?::(\w+)$/.exec(shown);
    const cls = classAt(spans, c.index);
    const owner = ref && (!ref[1] || ref[1] === 'this' ? cls : /^[A-Z]/.test(ref[1]) ? ref[1] : undefined);
    const handler = lambda ? '<inline>' : ref ? (owner ? `${owner}.${ref[2]}` : ref[2]) : shown.slice(0, 80);
    const line = lineOf(text, c.index);
    routes.push({
      method: VERB[c[2]],
      path: where.path ?? where.param?.rest ?? '',
      ...(where.dynamic !== undefined ? { dynamic: where.dynamic } : {}),
      spark: { ...(where.param ? { param: where.param } : {}), ...(lambda ? { inline: bodyCalls(m.slice(h.start, h.end), cls) } : {}) },
      handler,
      ...(owner && ref ? { handlerSymbol: `${owner}.${ref[2]}` } : {}),
      ...(lambda ? { inlineRange: { start: lineOf(text, h.start), end: lineOf(text, h.end - 1) } } : {}),
      guards: [],
      file,
      line,
      order: line,
      framework: 'spark',
    });
  }
  const sites: SparkSite[] = [];
  for (const s of m.matchAll(/\b([A-Z]\w*)\s*\.\s*([a-z]\w*)\s*\(/g)) {
    const open = s.index + s[0].length - 1;
    const args = splitArgs(m, open + 1, closeOf(m, open) - 1).map((a) => readPath(text.slice(a.start, a.end).trim(), consts, undefined).path);
    if (args.some((a) => a !== undefined)) sites.push({ cls: s[1], method: s[2], args });
  }
  // A bare call of a name imported statically (`import static …FeedSourceController.checkFeedSourcePermissions;`) is that class's.
  const own = new Set(methods.map((x) => `${x.cls}.${x.name}`));
  const imported = new Map([...text.matchAll(/^import\s+static\s+[\w.]*?\.([A-Z]\w*)\.(\w+)\s*;/gm)].map((i) => [i[2], i[1]] as const));
  const requalify = (calls: SparkCall[]) => calls.map((c) => (c.cls && !own.has(`${c.cls}.${c.name}`) && imported.has(c.name) && spans.some((x) => x.name === c.cls) ? { cls: imported.get(c.name)!, name: c.name } : c));
  for (const x of methods) x.calls = requalify(x.calls);
  for (const f of filters) f.calls = requalify(f.calls);
  for (const r of routes) if (r.spark?.inline) r.spark.inline = requalify(r.spark.inline);
  return { routes, filters, methods: methods.map(({ start: _s, end: _e, params: _p, ...rest }) => rest), sites };
}

interface MethodSpan extends SparkMethod {
  start: number;
  end: number;
  params: string[];
}

/** The file's methods: their bodies' spans, parameter names, direct refusal and the calls they make. */
function javaMethods(text: string, m: string, spans: { name: string; start: number; end: number }[], file: string): MethodSpan[] {
  const out: MethodSpan[] = [];
  for (const d of m.matchAll(/\b(?:void|[A-Z][\w.]*(?:<[^;{}()]*>)?(?:\[\])?|boolean|int|long)\s+([a-zA-Z_]\w*)\s*\(([^()]*)\)\s*(?:throws\s+[\w.,\s]+)?\{/g)) {
    if (/^(?:if|for|while|switch|catch|return|new|synchronized)$/.test(d[1])) continue;
    const open = d.index + d[0].length - 1;
    const end = closeOf(m, open);
    const cls = classAt(spans, d.index);
    if (!cls) continue;
    const body = m.slice(open, end);
    // Read on the masked text (a status in a comment is none); shown from the original.
    const found = REFUSAL.exec(m.slice(open, end));
    const refusal = found ? [text.slice(open + found.index, open + found.index + found[0].length)] : null;
    const params = d[2].split(',').map((p) => p.trim().split(/\s+/).pop() ?? '').filter(Boolean);
    out.push({ cls, name: d[1], file, line: lineOf(text, d.index), ...(refusal ? { refuses: refusal[0].replace(/\s+/g, ' ').slice(0, 80) } : {}), calls: bodyCalls(body, cls), start: open, end, params });
  }
  return out;
}

/** Calls in a body: `Cls.name(` (a class) and `name(` (the class's own, or a static import). */
function bodyCalls(body: string, cls: string | undefined): SparkCall[] {
  const out: SparkCall[] = [];
  const seen = new Set<string>();
  for (const c of body.matchAll(/(?:\b([A-Z]\w*)\s*\.\s*|(?<![\w.$]))([a-z]\w*)\s*\(/g)) {
    if (/^(?:if|for|while|switch|catch|return|new|synchronized|super|this)$/.test(c[2])) continue;
    const owner = c[1] ?? cls;
    const key = `${owner ?? ''}.${c[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...(owner ? { cls: owner } : {}), name: c[2] });
  }
  return out;
}

function filterOf(text: string, m: string, file: string, at: number, h: { start: number; end: number }, where: SparkPath, methods: MethodSpan[]): SparkFilter {
  // `((req, res) -> { … })`: a lambda written in parentheses is the lambda.
  while (m[h.start + m.slice(h.start, h.end).search(/\S/)] === '(' && !/^\s*\([\w\s,]*\)\s*->/.test(m.slice(h.start, h.end))) {
    const o = h.start + m.slice(h.start, h.end).indexOf('(');
    const c = closeOf(m, o);
    if (m.slice(c, h.end).trim()) break;
    h = { start: o + 1, end: c - 1 };
  }
  const raw = m.slice(h.start, h.end).trim();
  const shown = text.slice(h.start, h.end).trim().replace(/\s+/g, ' ');
  const arrow = /^\(?\s*([\w\s,]*?)\s*\)?\s*->/.exec(raw);
  let body = raw;
  let bodyText = text.slice(h.start, h.end);
  const cls = methods.find((x) => x.start < at && at < x.end)?.cls;
  const ref = arrow ? null : /^(?:(\w+))?::(\w+)$/.exec(raw);
  let calls: SparkCall[];
  if (ref) {
    // `before(Filters::auth)`: the method's own code is the filter's, judged when linking.
    calls = [{ ...(ref[1] && ref[1] !== 'this' ? { cls: ref[1] } : cls ? { cls } : {}), name: ref[2] }];
    body = '';
    bodyText = '';
  } else calls = bodyCalls(body, cls);
  const req = arrow?.[1].split(',')[0]?.trim().split(/\s+/).pop() ?? 'request';
  const optionsThrough = new RegExp(`^\\(?[^{]*->\\s*\\{?\\s*if\\s*\\(\\s*(?:${req}\\s*\\.\\s*requestMethod\\s*\\(\\s*\\)\\s*\\.\\s*equals(?:IgnoreCase)?\\s*\\(\\s*"_+"\\s*\\)|"_+"\\s*\\.\\s*equals(?:IgnoreCase)?\\s*\\(\\s*${req}\\s*\\.\\s*requestMethod\\s*\\(\\s*\\)\\s*\\))\\s*\\)\\s*\\{?\\s*return\\s*;`).test(body) && /"OPTIONS"/.test(bodyText.slice(0, 200));
  return {
    file,
    line: lineOf(text, at),
    text: `before(${where.path !== undefined ? `"${where.path}", ` : ''}${arrow ? `${arrow[0].trim()} …` : shown.slice(0, 60)})`,
    where,
    refuses: REFUSAL.test(body),
    calls,
    optionsThrough,
  };
}

/** `static final String NAME = "…"` of the file. */
function stringConstants(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of text.matchAll(/\bfinal\s+String\s+(\w+)\s*=\s*([^;]+);/g)) {
    const v = readPath(c[2].trim(), out, undefined).path;
    if (v !== undefined) out.set(c[1], v);
  }
  return out;
}

/** A string expression: `"a" + CONST + "b"`; the enclosing method's parameter only as the first term. */
function readPath(expr: string, consts: Map<string, string>, method: MethodSpan | undefined): SparkPath {
  const terms = expr.split(/\s*\+\s*(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  let path = '';
  let param: SparkPath['param'];
  for (const [i, t] of terms.entries()) {
    const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(t);
    if (lit) {
      path += lit[1];
      continue;
    }
    const name = /^(?:\w+\.)?(\w+)$/.exec(t)?.[1];
    const idx = method && name && !t.includes('.') ? method.params.indexOf(name) : -1;
    if (i === 0 && method && idx >= 0) {
      param = { cls: method.cls, method: method.name, index: idx, rest: '' };
      continue;
    }
    if (name && consts.has(name) && (!t.includes('.') || /^[A-Z]/.test(t))) {
      path += consts.get(name)!;
      continue;
    }
    return { dynamic: expr };
  }
  return param ? { param: { ...param, rest: path } } : { path };
}

/** Spark concatenates a group's prefix and a path as strings. */
function joinAll(parts: SparkPath[]): SparkPath {
  let path = '';
  for (const [i, p] of parts.entries()) {
    if (p.dynamic !== undefined) return { dynamic: p.dynamic };
    if (p.param) {
      if (i !== 0) return { dynamic: p.param.rest };
      const rest = parts.slice(1).map((x) => x.path ?? '').join('');
      return { param: { ...p.param, rest: p.param.rest + rest } };
    }
    path += p.path ?? '';
  }
  return { path };
}
