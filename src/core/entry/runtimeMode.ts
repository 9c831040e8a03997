// The mode the runtime starts a deployed process in, in one place. NODE_ENV is set by the runtime
// or the tooling, not by the operator: a deployment's image or process manager runs with
// NODE_ENV=production, a checkout with development — a fresh install never leaves it unset. Labels
// take routes as a deployed service serves them, so one rule serves the syntax readers and the
// interpreter alike:
//
// - an arm only development takes (`if (process.env.NODE_ENV === 'development') SwaggerModule.setup(…)`,
//   the else of `=== 'production'`) registers nothing a deployment serves: left out;
// - the variable's value read anywhere else (a ternary picking `build/` or `src/` to load from, a
//   name joined into a path) stays unknown, as it always was: the compiled output a production arm
//   names is not in the repository, so taking that arm as a value would lose what the other loads.
//
// Only a literal comparison of NODE_ENV with a development or production name decides; anything
// else (a setting, a flag, a local holding the comparison) is not read here.
import type { Node } from 'web-tree-sitter';
import type { Cond, CondArg, Expr } from './facts/types';

/** Variables the runtime sets: never "unset by default" (settingDefaults.ts, envLibraries.ts, nestRouterModule.ts). */
const RUNTIME_VARS = new Set(['NODE_ENV']);

export function isRuntimeVar(name: string): boolean {
  return RUNTIME_VARS.has(name);
}

const DEV_NAMES = new Set(['development', 'dev', 'test', 'local']);
const PROD_NAMES = new Set(['production', 'prod']);

const ENV = String.raw`process\.env(?:\.NODE_ENV|\[\s*['"]NODE_ENV['"]\s*\])`;
const DEV = String.raw`['"\x60](?:${[...DEV_NAMES].join('|')})['"\x60]`;
const PROD = String.raw`['"\x60](?:${[...PROD_NAMES].join('|')})['"\x60]`;
/** The test holds only outside production: `NODE_ENV === 'development'`, `NODE_ENV !== 'production'` (either side first). */
const DEV_TEST = new RegExp(String.raw`^\(?\s*(?:${ENV}\s*===?\s*${DEV}|${DEV}\s*===?\s*${ENV}|${ENV}\s*!==?\s*${PROD}|${PROD}\s*!==?\s*${ENV})\s*\)?$`);
/** The test holds only in production: its else branch is development-only. */
const PROD_TEST = new RegExp(String.raw`^\(?\s*(?:${ENV}\s*===?\s*${PROD}|${PROD}\s*===?\s*${ENV})\s*\)?$`);

/** Whether the arm of a test written `text` (`inThen`: its consequence, else its alternative) runs only in development. */
export function devOnlyArmText(text: string, inThen: boolean): boolean {
  const cond = text.replace(/^\((.*)\)$/s, '$1').trim();
  return inThen ? DEV_TEST.test(cond) : PROD_TEST.test(cond);
}

/** Whether `node` sits in a branch of an `if` that a production process never takes. */
export function devOnly(node: Node): boolean {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition')?.text ?? '';
    if (p.childForFieldName('consequence')?.id === child.id && devOnlyArmText(cond, true)) return true;
    if (p.childForFieldName('alternative')?.id === child.id && devOnlyArmText(cond, false)) return true;
  }
  return false;
}

/** `process.env.NODE_ENV`, `process.env['NODE_ENV']`. */
function isModeRead(e: Expr): boolean {
  const env = e[0] === 'm' ? e[1] : e[0] === 'ix' ? e[1] : undefined;
  const name = e[0] === 'm' ? e[2] : e[0] === 'ix' && e[2][0] === 's' ? e[2][1] : undefined;
  return name !== undefined && isRuntimeVar(name) && env !== undefined && env[0] === 'm' && env[2] === 'env' && env[1][0] === 'id' && env[1][1] === 'process';
}

function modeName(a: CondArg): string | undefined {
  return a[0] === 'v' && a[1][0] === 's' ? a[1][1] : undefined;
}

/**
 * Whether the arm of a flattened `if` test (facts/whenConds.ts: `holds` true for its consequence)
 * runs only in development: the interpreter's form of `devOnly`.
 */
export function devOnlyArm(c: Cond, holds: boolean): boolean {
  if (c[0] !== 'eq') return false;
  const [, op, a, b] = c;
  const name = a[0] === 'v' && isModeRead(a[1]) ? modeName(b) : b[0] === 'v' && isModeRead(b[1]) ? modeName(a) : undefined;
  if (name === undefined) return false;
  const equal = op === '===' || op === '==';
  // The test holds only outside production: equal to a development name, or unequal to a production one.
  const devTest = (equal && DEV_NAMES.has(name)) || (!equal && PROD_NAMES.has(name));
  const prodTest = equal && PROD_NAMES.has(name);
  return holds ? devTest : prodTest;
}
