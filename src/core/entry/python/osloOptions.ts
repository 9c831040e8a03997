// oslo.config, per file: the options a module declares (`cfg.BoolOpt('admin_mode', default=False)`),
// by name with their defaults as Python would test them (`if conf.x:`). OpenStack services switch whole
// route tables on booleans, and WSGI wrappers on strings (`if conf.auth_strategy:` installing keystone's
// auth_token, a StrOpt defaulting to ''): falconLink.ts; under the defaults a fresh install serves only
// what they leave on. A StrOpt/ListOpt without a default is None, false; one whose default is not a
// literal is not recorded.
import type { Node } from 'web-tree-sitter';
import { all, line, stringValue } from '../treeUtil';
import { dict } from '../../ownKeys';
import { kwArg, positionalArgs } from './pyScope';

export function osloBools(root: Node): Record<string, { value: boolean; line: number }> | undefined {
  let out: Record<string, { value: boolean; line: number }> | undefined;
  for (const call of all(root, 'call')) {
    const kind = /(?:^|\.)(BoolOpt|StrOpt|ListOpt)$/.exec(call.childForFieldName('function')?.text ?? '')?.[1];
    if (!kind) continue;
    const name = stringValue(positionalArgs(call)[0] ?? kwArg(call, 'name'));
    const def = kwArg(call, 'default');
    const value = truth(kind, def);
    if (name === undefined || value === undefined) continue;
    (out ??= dict())[name] = { value, line: line(call) };
  }
  return out;
}

/** How `if conf.<option>:` reads the default: a boolean's value, a string's or list's emptiness; undefined when not a literal. */
function truth(kind: string, def: Node | undefined): boolean | undefined {
  if (kind === 'BoolOpt') return def?.text === 'True' ? true : def?.text === 'False' ? false : undefined;
  if (!def || def.type === 'none') return false;
  if (kind === 'StrOpt') {
    const v = stringValue(def);
    return v === undefined ? undefined : v !== '';
  }
  return def.type === 'list' ? def.namedChildren.length > 0 : undefined;
}
