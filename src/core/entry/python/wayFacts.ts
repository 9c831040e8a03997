// What a test on the way to a Flask view (in a decorator's wrapper or at the start of the view)
// is made of, beyond the identity read itself (flaskGuards.ts):
// - the request's own credentials: HTTP Basic (`request.authorization`), the Authorization header,
//   or a secret the URL carries (a view parameter named `token`, `signature` …), and the names made
//   of them (`token = header.split(" ")[1]`). A test is an identity test when it checks them: a call
//   given them (`check_password_hash(p.password, auth.password)`), or a name bound to what such a
//   call answered (`pid = verify_token(token)` then `if pid != project.id: abort(404)`). A test of
//   their mere presence (`if auth:`) checks nothing;
// - flags: `ok = False`, then `ok = True` under `if C:` — testing `ok` is testing C;
// - parameters of a decorator factory that default to None (`def requires_admin(bypass=None)`):
//   a way that needs one set is closed where the factory is used with no argument.
import type { Node } from 'web-tree-sitter';
import { kids } from '../treeUtil';

export interface WayCtx {
  /** Names holding the request's credentials or what is made of them. */
  creds: ReadonlySet<string>;
  /** Names bound to the answer of a call that was given credentials. */
  verified: ReadonlySet<string>;
  /** `ok = True` under `if C:` (and `False` otherwise): the name stands for C. */
  flags: ReadonlyMap<string, Node>;
  /** Parameters of the enclosing decorator factories that default to None. */
  noneParams: ReadonlySet<string>;
}

export const NO_WAY_CTX: WayCtx = { creds: new Set(), verified: new Set(), flags: new Map(), noneParams: new Set() };

// An API key or token the client sends in a header or the query (`request.headers.get("X-Api-Key")`,
// `request.args["api-key"]`) is a credential as the Authorization header is.
const CREDENTIALS = /\brequest\.authorization\b|\brequest\.headers\s*(\.get\s*\(\s*|\[\s*)["'](Authorization|(x-)?api[-_]?key|x-(auth|access)-token)["']|\brequest\.args\s*(\.get\s*\(\s*|\[\s*)["'](token|api[-_]?key|(access|auth)[-_]?token)["']/i;
/** A method that checks the object it is called on (`key.is_valid()`, `token.verify()`), not one that reshapes it (`split`, `strip`). */
const CHECKING = /valid|verif|check|auth|match/i;
/** A view parameter that is a secret carried by the URL. */
const URL_SECRET = /^(\w+_)?(token|signature|sig|secret|hmac|mac)$/i;

export function wayCtx(def: Node, urlParams: readonly string[] = []): WayCtx {
  const asgs = def.descendantsOfType('assignment').filter((a): a is Node => !!a && a.childForFieldName('left')?.type === 'identifier' && !!a.childForFieldName('right'));
  const creds = new Set(urlParams.filter((p) => URL_SECRET.test(p)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of asgs) {
      const name = a.childForFieldName('left')!.text;
      const right = a.childForFieldName('right')!;
      if (creds.has(name) || !(CREDENTIALS.test(right.text) || mentions(right, creds))) continue;
      creds.add(name);
      grew = true;
    }
  }
  // Names bound to what a call given credentials answered, awaited or not; a slot of the request
  // context counts as a name (`g.wallet = await wallet_for_key(key)`, then `if not g.wallet:`).
  const verified = new Set(
    def.descendantsOfType('assignment').flatMap((a) => {
      const left = a?.childForFieldName('left');
      const right = a?.childForFieldName('right');
      const call = right?.type === 'await' ? right.namedChildren[0] : right;
      if (!left || !(left.type === 'identifier' || left.type === 'attribute') || call?.type !== 'call' || !verifiesCredentials(call, creds)) return [];
      return [left.text];
    }),
  );
  return { creds, verified, flags: flagsOf(asgs), noneParams: noneParamsAround(def) };
}

export function mentions(n: Node, names: ReadonlySet<string>): boolean {
  if (!names.size) return false;
  if (n.type === 'identifier' || n.type === 'attribute') if (names.has(n.text)) return true;
  return n.descendantsOfType(['identifier', 'attribute']).some((x) => !!x && names.has(x.text));
}

/** A call given the request's credentials: it checks them. */
export function verifiesCredentials(call: Node, creds: ReadonlySet<string>): boolean {
  const args = call.childForFieldName('arguments');
  // `apikey = ApiKey(key=header_value)` then `apikey.is_validate(…)`: a checking method of an object made of them.
  const fn = call.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
  if (receiver && CHECKING.test(fn?.childForFieldName('attribute')?.text ?? '') && mentions(receiver, creds)) return true;
  return !!args && (CREDENTIALS.test(args.text) || mentions(args, creds));
}

/** `ok = False` … `if C: ok = True`: flags set to True in exactly one place, directly in an `if` arm. */
function flagsOf(asgs: Node[]): Map<string, Node> {
  const out = new Map<string, Node>();
  const trues = new Map<string, Node[]>();
  const falses = new Set<string>();
  for (const a of asgs) {
    const name = a.childForFieldName('left')!.text;
    const v = a.childForFieldName('right')!.text;
    if (v === 'False') falses.add(name);
    else if (v === 'True') trues.set(name, [...(trues.get(name) ?? []), a]);
    else trues.set(name, [...(trues.get(name) ?? []), a, a]); // bound to anything else: no flag
  }
  for (const [name, at] of trues) {
    if (at.length !== 1 || !falses.has(name)) continue;
    const block = at[0].parent?.parent;
    const ifs = block?.parent;
    if (block?.type !== 'block' || ifs?.type !== 'if_statement' || ifs.childForFieldName('consequence')?.id !== block.id || ifs.childrenForFieldName('alternative').some(Boolean)) continue;
    const cond = ifs.childForFieldName('condition');
    if (cond) out.set(name, cond);
  }
  return out;
}

/** `def requires_admin(bypass=None): def check(f): def wrapper(*a): …`: the None defaults of the functions around the wrapper. */
function noneParamsAround(def: Node): Set<string> {
  const out = new Set<string>();
  for (let p = def.parent; p; p = p.parent) {
    if (p.type !== 'function_definition') continue;
    for (const q of kids(p.childForFieldName('parameters'))) {
      if ((q.type === 'default_parameter' || q.type === 'typed_default_parameter') && q.childForFieldName('value')?.text === 'None') out.add(q.childForFieldName('name')?.text ?? '');
    }
  }
  return out;
}

/**
 * `request.headers.get('x-api-key') != config_api_token`: the secret the request sent compared
 * with another value of the service's (a stored key). A comparison with a literal (`== ''`,
 * `is None`) only tests presence, and so does one of two request values.
 */
export function comparesCredentials(n: Node, creds: ReadonlySet<string>): boolean {
  if (n.type !== 'comparison_operator') return false;
  const parts = kids(n);
  if (parts.length !== 2) return false;
  const op = n.text.slice(parts[0].endIndex - n.startIndex, parts[1].startIndex - n.startIndex).trim();
  if (op !== '==' && op !== '!=') return false;
  const sent = (x: Node): boolean => CREDENTIALS.test(x.text) || mentions(x, creds);
  const literal = (x: Node): boolean => /^(string|integer|float|true|false|none|concatenated_string)$/.test(x.type) || /\brequest\./.test(x.text);
  const [a, b] = parts;
  return (sent(a) && !sent(b) && !literal(b)) || (sent(b) && !sent(a) && !literal(a));
}

/** The first comparison in `def` (not in a function inside it) of the request's credentials with a stored value. */
export function comparedCredentials(def: Node): Node | undefined {
  const creds = wayCtx(def).creds;
  return def.descendantsOfType('comparison_operator').find((c): c is Node => !!c && comparesCredentials(c, creds) && ownerDef(c)?.id === def.id);
}

function ownerDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return undefined;
}
