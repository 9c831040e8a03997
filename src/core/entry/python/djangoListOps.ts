// A urlconf's lists as the module builds them: assignments, `+=`, `.extend()`/`.append()`, and
// top-level `if` statements on settings (`if settings.URL_PREFIX.strip('/'):`, `if
// settings.DEBUG:`). The branch a setting's default value takes is followed; when the condition
// cannot be decided, both branches count (a route either may register is listed).

export type ListOp<T> = { kind: 'set' | 'add'; name: string; entries: T[] } | { kind: 'if'; cond: string; then: ListOp<T>[]; else: ListOp<T>[] };

/** Settings values read from settings modules: strings and booleans (None is false). */
export type SettingValues = ReadonlyMap<string, string | boolean>;

export function runListOps<T>(ops: ListOp<T>[], settings: SettingValues): Record<string, T[]> {
  const exec = (list: ListOp<T>[], lists: Record<string, T[]>): Record<string, T[]> => {
    for (const op of list) {
      if (op.kind !== 'if') lists[op.name] = op.kind === 'set' ? [...op.entries] : [...(lists[op.name] ?? []), ...op.entries];
      else {
        const v = settingCondition(op.cond, settings);
        if (v !== undefined) exec(v ? op.then : op.else, lists);
        else {
          const a = exec(op.then, { ...lists });
          const b = exec(op.else, { ...lists });
          for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) lists[k] = [...new Set([...(a[k] ?? []), ...(b[k] ?? [])])];
        }
      }
    }
    return lists;
  };
  return exec(ops, {});
}

/**
 * The truth of a condition on one setting (`settings.X`, `not settings.X`, `settings.X.strip('/')`),
 * or undefined when it is anything else or the setting is not known.
 */
export function settingCondition(cond: string, settings: SettingValues): boolean | undefined {
  const m = /^(not\s+)?(?:settings\.)?([A-Z][A-Z0-9_]*)((?:\s*\.\s*\w+\s*\([^()]*\))*)$/.exec(cond.trim());
  if (!m) return undefined;
  let v = settings.get(m[2]);
  if (v === undefined) return undefined;
  for (const call of m[3].matchAll(/\.\s*(\w+)\s*\(([^()]*)\)/g)) {
    if (typeof v !== 'string') return undefined;
    const arg = /^\s*(?:r?(['"])(.*)\1)?\s*$/.exec(call[2]);
    if (!arg) return undefined;
    const chars = arg[2] ?? ' \t\n';
    const cls = `[${chars.replace(/[\\\]^-]/g, '\\$&')}]*`;
    if (call[1] === 'strip') v = v.replace(new RegExp(`^${cls}|${cls}$`, 'g'), '');
    else if (call[1] === 'lstrip') v = v.replace(new RegExp(`^${cls}`), '');
    else if (call[1] === 'rstrip') v = v.replace(new RegExp(`${cls}$`), '');
    else if (call[1] === 'lower' || call[1] === 'upper') continue;
    else return undefined;
  }
  const truth = typeof v === 'string' ? v.length > 0 : v;
  return m[1] ? !truth : truth;
}

/**
 * `NAME = "..."`, `NAME = True/False/None` at the top of a settings module, and
 * `NAME = getattr(configuration, 'NAME', True)`: a value the deployment's configuration module may
 * set, taken at its default (what a fresh install runs with).
 */
export function settingValues(text: string): Map<string, string | boolean> {
  const out = new Map<string, string | boolean>();
  const value = String.raw`(?:r?(['"])([^'"\n]*)\2|(True|False|None))`;
  const plain = new RegExp(String.raw`^([A-Z][A-Z0-9_]*)\s*=\s*${value}\s*(?:#.*)?$`, 'gm');
  for (const m of text.matchAll(plain)) out.set(m[1], m[4] !== undefined ? m[4] === 'True' : m[3]);
  const byDefault = new RegExp(String.raw`^([A-Z][A-Z0-9_]*)\s*=\s*getattr\(\s*\w+\s*,\s*(['"])\1\2\s*,\s*(?:r?(['"])([^'"\n]*)\3|(True|False|None))\s*\)\s*(?:#.*)?$`, 'gm');
  for (const m of text.matchAll(byDefault)) out.set(m[1], m[5] !== undefined ? m[5] === 'True' : m[4]);
  return out;
}
