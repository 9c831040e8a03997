// A setting read straight from a viper instance into a local at router-building time:
// `authUser := utils.Params.GetString("AUTH_USERNAME"); if authUser != "" && … { r.Use(basicAuth) }`
// (Statping-ng). The local is named as the viper key (`viper:string:auth_username`), whose fresh-install
// value resolve.ts reads from `SetDefault` calls, or viper's zero value ("" / false) when no default is
// set. Only a getter on `viper` itself or on a package-level value of another package (`utils.Params`)
// counts: a request context's `c.GetString("user")` is no setting.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, stringValue } from '../treeUtil';

export const VIPER_KEY = /^viper:(string|bool):(.+)$/;
const GETTER = /^(?:viper|[a-z]\w*\.[A-Z]\w*)\.Get(String|Bool)$/;

/** The viper key a getter call reads: `viper:string:base_path`; undefined for anything else. */
function getterKey(call: Node | null | undefined): string | undefined {
  if (call?.type !== 'call_expression') return undefined;
  const m = GETTER.exec(call.childForFieldName('function')?.text ?? '');
  const [arg] = callArgs(call);
  const key = arg ? stringValue(arg) : undefined;
  return m && key ? `viper:${m[1]!.toLowerCase()}:${key.toLowerCase()}` : undefined;
}

/**
 * The viper key an identifier holds: bound once in its function by `x := v.GetString("KEY")` and never
 * assigned again (a later write could change it, so then nothing is known).
 */
export function viperSetting(n: Node): string | undefined {
  if (n.type === 'call_expression') return getterKey(n);
  if (n.type !== 'identifier') return undefined;
  let fn: Node | null = n.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
  if (!fn) return undefined;
  let key: string | undefined;
  let binds = 0;
  for (const st of all(fn, ['short_var_declaration', 'assignment_statement'])) {
    const lefts = kids(st.childForFieldName('left'));
    const i = lefts.findIndex((l) => l.text === n.text);
    if (i < 0) continue;
    binds++;
    const rights = kids(st.childForFieldName('right'));
    key = st.type === 'short_var_declaration' && rights.length === lefts.length ? getterKey(rights[i]) : undefined;
  }
  return binds === 1 ? key : undefined;
}
