// Keys for the interpreter's memo and call caps: a value by its content where that is small and
// stable (strings, numbers, small option objects), else by the identity of the object that holds it.
import type { ObjValue, Value } from './values';

export class ValueKeys {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  id(o: object): number {
    let n = this.ids.get(o);
    if (n === undefined) this.ids.set(o, (n = this.nextId++));
    return n;
  }

  key(v: Value): string {
    switch (v.k) {
      case 'str':
        return 's' + v.v;
      case 'num':
        return 'n' + v.v;
      case 'bool':
        return 'b' + v.v;
      case 'null':
        return 'z';
      case 'fn':
        return `f${v.file}:${v.fn}@${this.id(v.env)}${v.self ? '/' + this.key(v.self) : ''}`;
      case 'router':
        return 'r' + v.r.id;
      case 'ext':
        // The site's file too: the same package call at the same offset of two files is two values.
        return `x${v.spec}.${v.path.join('.')}@${v.site ? `${v.site.file}:${v.site.offset}` : ''}`;
      case 'kw':
        return `k${v.name}=${this.key(v.v)}`;
      case 'unknown':
        return 'u' + v.text;
      case 'obj':
        return this.objKey(v, 2) ?? 'o' + this.id(v);
      default:
        return 'o' + this.id(v);
    }
  }

  /**
   * A small options object by its content (`auth({ role: UserRole.Admin })` written at a hundred
   * routes is one call, not a hundred: each would count against the function's run cap).
   * Undefined for modules, objects with getters or functions, and big or deep ones: by identity.
   */
  private objKey(v: ObjValue, depth: number): string | undefined {
    if (v.module || v.getters?.size || v.props.size > 8 || depth < 0) return undefined;
    const parts: string[] = [];
    for (const [k, p] of v.props) {
      let pk: string | undefined;
      if (p.k === 'obj') pk = this.objKey(p, depth - 1);
      else if (p.k === 'str' || p.k === 'num' || p.k === 'bool' || p.k === 'null' || p.k === 'unknown' || p.k === 'ext') pk = this.key(p);
      if (pk === undefined) return undefined;
      parts.push(`${k}:${pk}`);
    }
    return `{${parts.join(',')}}`;
  }
}
