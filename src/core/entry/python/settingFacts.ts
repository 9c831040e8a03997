// What a Python module says about settings, for the decorators and hooks that test one
// (settingGates.ts): the defaults of setting tables and the constants that name them, model
// columns' defaults, sets of strings, the config keys it sets. Only what the module holds is kept.
import type { Node } from 'web-tree-sitter';
import type { PyFacts } from './pyFacts';
import { moduleConstants } from './settingDefaults';
import { columnDefaults, configKeysSet, stringSets } from './settingColumns';
import { refusingMethods } from './unresolvedMethods';
import { nestedDefaults } from './keyedSettings';
import { envFlags } from './envFlags';

export function settingFacts(root: Node, py: PyFacts): void {
  const { tables, consts } = moduleConstants(root);
  if (Object.keys(tables).length) py.tables = tables;
  if (Object.keys(consts).length) py.consts = consts;
  const columns = columnDefaults(root);
  if (Object.keys(columns).length) py.columns = columns;
  const sets = stringSets(root);
  if (Object.keys(sets).length) py.strSets = sets;
  const configKeys = configKeysSet(root);
  if (configKeys.length) py.configKeys = configKeys;
  const flags = envFlags(root);
  if (Object.keys(flags).length) py.envFlags = flags;
  const keyed = nestedDefaults(root);
  if (Object.keys(keyed).length) py.keyedDefaults = keyed;
  // Not a setting, but read from the same module-level walk: methods of ours that refuse (unresolvedMethods.ts).
  const refusing = refusingMethods(root);
  if (Object.keys(refusing).length) py.refusingMethods = refusing;
}
