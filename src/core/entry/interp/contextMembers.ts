// A context object a library threads through the boot (`require('bootevent')().acquire(step)
// .boot(booted)`, each step `function setupX(ctx, next) { ctx.authorization = makeAuth(env, ctx); }`)
// reaches every step and the server as an argument we cannot see: `ctx` is unknown in each. What
// the steps store on it (`ctx.properties = require('../api2/properties')(env, ctx)`) is what a later
// reader of `ctx.properties` gets (`app.use('/properties', ctx.properties)`). Kept by the written
// name, for routers and objects carrying routers or functions only (a request's `req.user = …` is
// per request, never this), and dropped once two different values are stored under one name.
import type { Expr } from '../facts/types';
import type { Value } from './values';

/** Per-request objects: what is stored on them belongs to one request, not to the program. */
const PER_REQUEST = /^(req|res|request|response|reply|event|evt|e|err|error|socket|message|msg|next|h|c|context)$/;

export class ContextMembers {
  private readonly stored = new Map<string, Value | null>();

  /** `name.prop = v` where `name`'s value is unknown. */
  store(objExpr: Expr, prop: string, v: Value, sameValue: (a: Value, b: Value) => boolean): void {
    if (objExpr[0] !== 'id' || PER_REQUEST.test(objExpr[1]) || !carriesCode(v)) return;
    const key = `${objExpr[1]}.${prop}`;
    const had = this.stored.get(key);
    if (had === undefined) this.stored.set(key, v);
    else if (had !== null && !sameValue(had, v)) this.stored.set(key, null);
  }

  /** What `name.prop` holds, where `name`'s value is unknown. */
  read(objExpr: Expr, prop: string): Value | undefined {
    if (objExpr[0] !== 'id' || !this.stored.size) return undefined;
    return this.stored.get(`${objExpr[1]}.${prop}`) ?? undefined;
  }
}

function carriesCode(v: Value): boolean {
  if (v.k === 'router') return true;
  if (v.k !== 'obj') return false;
  for (const p of v.props.values()) if (p.k === 'router' || p.k === 'fn') return true;
  return false;
}
