// How the program was started. One program often holds both its setup and its server: an entry
// point that branches on its command line (`process.argv[2] === 'setup'`, an `--install` flag read
// through a parser, a `setup` subcommand of commander or yargs) into "install, set up, upgrade" or "start the server".
// The setup branch asks the operator for settings and writes them into the same configuration the
// server reads (`nconf.overrides({ url: answers.url })`); the interpreter runs both branches in one
// program, so without this the server's settings would come out as whatever the setup wrote, which
// no fresh install holds. Code on such a branch still runs (its routes are still the code's), but
// like code under a setting whose default goes the other way (Interp.offAtDefaults) what it writes
// into the configuration is not the server's default. (A mode read through the configuration,
// `nconf.get('setup')`, is already unset by default: configStores.ts.)
import type { Cond, Expr } from '../facts/types';
import type { Env, Value } from './values';

/** Modes that prepare an installation rather than serve it. */
const SETUP_MODE = /^(setup|install|upgrade|migrate|init)$/i;

/** Packages that dispatch a command line to a handler per subcommand. */
const COMMAND_PACKAGES = new Set(['commander', 'yargs', 'cac', 'sade']);

function isSetupWord(s: string): boolean {
  // `setup [config]`, `install <plugin>`, `--setup`, `-setup`: the command's or flag's own word.
  const word = s.trim().split(/\s+/)[0]?.replace(/^-{1,2}/, '') ?? '';
  return SETUP_MODE.test(word);
}

/**
 * Whether a method call on a command-line package registers a setup subcommand's handler, so that
 * the functions it is given run only when the program was started for setup: commander, cac and
 * sade's `.command('setup [config]')…action(fn)` (the nearest `.command` of the chain names it) and
 * yargs' `.command('install', desc, builder, handler)`.
 */
export function isSetupCommand(recv: Value, recvExpr: Expr, prop: string, argExprs: readonly Expr[]): boolean {
  if (recv.k !== 'ext' || !COMMAND_PACKAGES.has(recv.spec)) return false;
  if (prop === 'command') {
    const first = argExprs[0];
    return first?.[0] === 's' && isSetupWord(first[1]);
  }
  if (prop !== 'action') return false;
  for (let e: Expr = recvExpr, i = 0; i < 32 && e[0] === 'c' && e[1][0] === 'm'; e = e[1][1], i++) {
    if (e[1][2] !== 'command') continue;
    const name = e[2][0];
    return name?.[0] === 's' && isSetupWord(name[1]);
  }
  return false;
}

type Eval = (e: Expr, env: Env) => Value;

/** Packages that parse the command line into flags (`minimist(process.argv.slice(2)).setup`). */
const FLAG_PACKAGES = new Set([...COMMAND_PACKAGES, 'minimist', 'yargs-parser', 'mri', 'arg']);

/** Whether a value is read from the process's command line (`process.argv[2]`, `process.argv.slice(2)[0]`, a parsed flag). */
function fromArgv(v: Value): boolean {
  return v.k === 'ext' && ((v.spec === 'process' && v.path[0] === 'argv') || FLAG_PACKAGES.has(v.spec));
}

/**
 * Whether an `if` test going the way `holds` says means the program was started for setup: the
 * command line compared to a setup word (`process.argv[2] === 'setup'`, `args[0] !== 'install'` in
 * its else arm), or a flag of it named for one (`argv.upgrade`). (`process.argv.includes('--setup')`
 * is a call, which a test keeps no trace of: whenConds.ts.)
 */
export function setupWhen(c: Cond, holds: boolean, env: Env, evalExpr: Eval): boolean {
  switch (c[0]) {
    case 'not':
      return setupWhen(c[1], !holds, env, evalExpr);
    // `a && b` holding (or `a || b` failing) needs both: one of them going the setup way is enough.
    // `a || b` holding (or `a && b` failing) needs only one: both must go the setup way.
    case 'and':
    case 'or': {
      const one = (c[0] === 'and') === holds;
      const [a, b] = [setupWhen(c[1], holds, env, evalExpr), setupWhen(c[2], holds, env, evalExpr)];
      return one ? a || b : a && b;
    }
    case 'eq': {
      const same = c[1] === '===' || c[1] === '==' ? holds : !holds;
      if (!same || c[2][0] !== 'v' || c[3][0] !== 'v') return false;
      const [a, b] = [c[2][1], c[3][1]];
      const word = a[0] === 's' ? a[1] : b[0] === 's' ? b[1] : undefined;
      const other = a[0] === 's' ? b : a;
      return word !== undefined && isSetupWord(word) && fromArgv(evalExpr(other, env));
    }
    case 't': {
      // A flag of the command line named for setup (`argv.setup`, `yargs.argv.install`, `program.opts().upgrade`).
      const e = c[1];
      if (!holds || e[0] !== 'm' || !isSetupWord(e[2])) return false;
      const v = evalExpr(e, env);
      return fromArgv(v) && v.k === 'ext' && v.path.at(-1) === e[2];
    }
    default:
      return false;
  }
}
