// Hand-written validation of a deep-dive file, kept in step with schemas/deepdive.schema.json
// (test/unit/dive/schema.test.ts runs both over the same samples). Unknown properties are
// allowed everywhere: a newer Deep Dive may add fields, and they must survive a round trip.
import { DECISION_REVIEWS, LEAD_STATES, NOTE_KINDS, SEVERITIES } from '../model/types';
import { dict } from '../ownKeys';

export interface ValidationIssue {
  /** JSON path of the offending value, e.g. "$.notes[2].kind". */
  path: string;
  message: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FLOW_STATUSES = ['untraced', 'tracing', 'understood'];

type Check = (value: unknown, path: string, out: ValidationIssue[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : JSON.stringify(v));

const str =
  (opts: { pattern?: RegExp; what?: string; nonEmpty?: boolean } = {}): Check =>
  (v, path, out) => {
    if (typeof v !== 'string') out.push({ path, message: `must be a string, found ${show(v)}` });
    else if (opts.nonEmpty && v.trim() === '') out.push({ path, message: 'must not be empty' });
    else if (opts.pattern && !opts.pattern.test(v)) out.push({ path, message: `must be ${opts.what ?? `a string matching ${opts.pattern}`}, found ${JSON.stringify(v)}` });
  };
const oneOf =
  (values: readonly string[]): Check =>
  (v, path, out) => {
    if (typeof v !== 'string' || !values.includes(v)) out.push({ path, message: `must be one of ${values.join(', ')}, found ${show(v)}` });
  };
const bool: Check = (v, path, out) => {
  if (typeof v !== 'boolean') out.push({ path, message: `must be true or false, found ${show(v)}` });
};
const int =
  (min: number): Check =>
  (v, path, out) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) out.push({ path, message: `must be an integer >= ${min}, found ${show(v)}` });
  };
const num =
  (min: number): Check =>
  (v, path, out) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) out.push({ path, message: `must be a number >= ${min}, found ${show(v)}` });
  };
// A valid file's paths are never read: the first pass builds none (a 20,000-note dive has some
// 400,000 values, and a path string each was a third of the validation); a file with a problem
// is checked again with paths, to name the place.
let withPaths = true;
const arr =
  (item: Check): Check =>
  (v, path, out) => {
    if (!Array.isArray(v)) out.push({ path, message: `must be an array, found ${show(v)}` });
    else for (let k = 0; k < v.length; k++) item(v[k], withPaths ? `${path}[${k}]` : path, out);
  };
// A 20,000-note dive has some 400,000 values: the path suffix of a property name is worked out
// once per name (a regular expression per value was a third of the validation's time).
const IDENT = /^[A-Za-z_$][\w$]*$/;
const segment = (k: string) => (IDENT.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
const key = (path: string, k: string) => (withPaths ? path + segment(k) : path);
type Field = { k: string; seg: string; check: Check };
const fields = (checks: Record<string, Check>): Field[] => Object.entries(checks).map(([k, check]) => ({ k, seg: segment(k), check }));
const obj =
  (required: Record<string, Check>, optional: Record<string, Check> = dict(), extra?: (o: Record<string, unknown>, path: string, out: ValidationIssue[]) => void): Check => {
    const req = fields(required);
    const opt = fields(optional);
    return (v, path, out) => {
      if (!isObject(v)) {
        out.push({ path, message: `must be an object, found ${show(v)}` });
        return;
      }
      for (const { k, seg, check } of req) {
        if (!(k in v)) out.push({ path, message: `missing required property "${k}"` });
        else check(v[k], withPaths ? path + seg : path, out);
      }
      for (const { k, seg, check } of opt) if (k in v && v[k] !== undefined) check(v[k], withPaths ? path + seg : path, out);
      extra?.(v, path, out);
    };
  };
const record =
  (item: Check): Check =>
  (v, path, out) => {
    if (!isObject(v)) out.push({ path, message: `must be an object, found ${show(v)}` });
    else for (const k of Object.keys(v)) item(v[k], key(path, k), out);
  };

const lineRange: Check = obj({ start: int(1), end: int(1) }, {}, (o, path, out) => {
  if (typeof o.start === 'number' && typeof o.end === 'number' && o.end < o.start) out.push({ path, message: `end (${o.end}) is before start (${o.start})` });
});
const lineNumber = int(1);
const pair: Check = (v, path, out) => {
  if (!Array.isArray(v) || v.length !== 2) {
    out.push({ path, message: `must be a [start, end] pair, found ${show(v)}` });
    return;
  }
  lineNumber(v[0], withPaths ? `${path}[0]` : path, out);
  lineNumber(v[1], withPaths ? `${path}[1]` : path, out);
  if (typeof v[0] === 'number' && typeof v[1] === 'number' && v[1] < v[0]) out.push({ path, message: `end (${v[1]}) is before start (${v[0]})` });
};
const relPath = str({ pattern: /^(?![/\\])(?![A-Za-z]:)(?!.*(?:^|\/)\.\.(?:\/|$)).+$/, what: 'a root-relative path without ".."' });
const anchor: Check = obj(
  { path: relPath, range: lineRange, text: str() },
  { symbol: str(), symbolRange: lineRange, before: str(), after: str(), commit: str() },
);
// Built once (not per note), and a Map: a type named "constructor" is not a check.
const targetChecks = new Map<string, Check>([
  ['code', obj({ type: str(), anchor })],
  ['module', obj({ type: str(), module: str({ nonEmpty: true }) })],
  ['flow', obj({ type: str(), flow: str({ nonEmpty: true }) })],
  ['dive', obj({ type: str() })],
]);
const target: Check = (v, path, out) => {
  if (!isObject(v)) {
    out.push({ path, message: `must be an object, found ${show(v)}` });
    return;
  }
  const check = typeof v.type === 'string' ? targetChecks.get(v.type) : undefined;
  if (!check) out.push({ path: key(path, 'type'), message: `must be one of ${[...targetChecks.keys()].join(', ')}, found ${show(v.type)}` });
  else check(v, path, out);
};
const reply: Check = obj({ id: str({ nonEmpty: true }), body: str(), created: str() }, { author: str() });
const note: Check = obj(
  { id: str({ nonEmpty: true }), kind: oneOf(NOTE_KINDS), status: oneOf(['open', 'resolved']), body: str(), target, created: str() },
  {
    severity: oneOf(SEVERITIES),
    impact: str(),
    links: obj({}, { module: str(), flow: str(), question: str() }),
    replies: arr(reply),
    author: str(),
    updated: str(),
    decision: oneOf(DECISION_REVIEWS),
    lead: obj({ tool: str(), rule: str(), key: str({ nonEmpty: true }), state: oneOf(LEAD_STATES), imported: str() }, { source: str(), level: str() }),
  },
);
const step: Check = obj({ id: str({ nonEmpty: true }), anchor }, { title: str(), visited: bool });
const flow: Check = obj(
  { id: str({ nonEmpty: true }), title: str(), status: oneOf(FLOW_STATUSES), steps: arr(step), created: str() },
  { entry: str(), updated: str() },
);
const question: Check = obj({ id: str({ nonEmpty: true }), text: str({ nonEmpty: true }), status: oneOf(['open', 'answered']) }, { answeredBy: arr(str()) });
const fingerprint: Check = obj({ symbol: str(), range: lineRange, hash: str({ nonEmpty: true }) }, { own: arr(pair) });
const span: Check = obj(
  { start: int(1), end: int(1), hashes: str({ pattern: /^([A-Za-z0-9_~-]{4})*$/, what: 'four characters per line' }) },
  { blob: str(), commit: str() },
  (o, path, out) => {
    if (typeof o.start === 'number' && typeof o.end === 'number' && o.end < o.start) out.push({ path, message: `end (${o.end}) is before start (${o.start})` });
  },
);
const reading: Check = obj({ ranges: arr(pair), seconds: num(0) }, { lastRead: str(), fingerprints: arr(fingerprint), spans: arr(span) });

const uniqueIds = (what: string): ((o: Record<string, unknown>, path: string, out: ValidationIssue[]) => void) => (o, path, out) => {
  const list = o[what];
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((x, k) => {
    if (!isObject(x) || typeof x.id !== 'string') return;
    const first = seen.get(x.id);
    if (first !== undefined) out.push({ path: `${path}.${what}[${k}].id`, message: `duplicate id "${x.id}" (also ${what}[${first}])` });
    else seen.set(x.id, k);
  });
};

const dive: Check = obj(
  {
    schema: str({ pattern: /^deepdive\/\d+(\.\d+)?$/, what: 'a schema id like "deepdive/1"' }),
    id: str({ pattern: ID, what: 'an id of letters, digits, ".", "_" or "-"' }),
    title: str({ nonEmpty: true }),
    created: str(),
    scope: obj({ include: arr(str({ nonEmpty: true })), exclude: arr(str({ nonEmpty: true })) }),
    questions: arr(question),
    flows: arr(flow),
    notes: arr(note),
    reading: record(reading),
  },
  {
    due: str({ pattern: DATE, what: 'a date YYYY-MM-DD' }),
    template: str(),
    baseCommit: str(),
    updated: str(),
    verdict: obj({ text: str(), updated: str() }, { author: str() }),
    recommendations: record(obj({ updated: str() }, { owner: str(), due: str({ pattern: DATE, what: 'a date YYYY-MM-DD' }) })),
  },
  (o, path, out) => {
    for (const what of ['questions', 'flows', 'notes']) uniqueIds(what)(o, path, out);
    if (isObject(o.reading)) for (const k of Object.keys(o.reading)) relPath(k, key(`${path}.reading`, k), out);
  },
);

/** Every problem found in a parsed deep-dive file, in document order of the checks. */
export function validateDive(value: unknown): ValidationIssue[] {
  const quick: ValidationIssue[] = [];
  withPaths = false;
  try {
    dive(value, '$', quick);
  } finally {
    withPaths = true;
  }
  if (!quick.length) return quick;
  const out: ValidationIssue[] = [];
  dive(value, '$', out);
  return out;
}

export const ID_PATTERN = ID;
export const DATE_PATTERN = DATE;
