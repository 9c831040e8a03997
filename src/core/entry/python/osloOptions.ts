// oslo.config, per file: the boolean options a module declares (`cfg.BoolOpt('admin_mode',
// default=False)`), by name with their defaults. OpenStack services read them as `conf.admin_mode`
// and switch whole route tables on them (falconLink.ts): under the defaults a fresh install serves
// only what they leave on.
import type { Node } from 'web-tree-sitter';
import { all, line, stringValue } from '../treeUtil';
import { dict } from '../../ownKeys';
import { kwArg, positionalArgs } from './pyScope';

export function osloBools(root: Node): Record<string, { value: boolean; line: number }> | undefined {
  let out: Record<string, { value: boolean; line: number }> | undefined;
  for (const call of all(root, 'call')) {
    if (!/(^|\.)BoolOpt$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    const name = stringValue(positionalArgs(call)[0] ?? kwArg(call, 'name'));
    const def = kwArg(call, 'default')?.text;
    if (name === undefined || (def !== 'True' && def !== 'False')) continue;
    (out ??= dict())[name] = { value: def === 'True', line: line(call) };
  }
  return out;
}
