// A urlconf's lists as the module builds them: assignments, `+=`, `.extend()`/`.append()`, and
// top-level `if` statements on settings (`if settings.URL_PREFIX.strip('/'):`, `if
// settings.DEBUG:`). The branch a setting's default value takes is followed; when the condition
// cannot be decided, both branches count (a route either may register is listed).

export type ListOp<T> = { kind: 'set' | 'add'; name: string; entries: T[] } | { kind: 'if'; cond: string; then: ListOp<T>[]; else: ListOp<T>[] };

/** Settings values read from settings modules: strings and booleans (None is false). */
export type SettingValues = ReadonlyMap<string, string | boolean>;

/**
 * `snapshot`: an entry of a list being set that names the list itself (`urlpatterns =
 * [path("", include((urlpatterns, "ns")))]`) holds the list as it was before this statement, not
 * the new one: the caller turns it into an entry holding those entries (else the name stays, read late).
 */
export function runListOps<T>(ops: ListOp<T>[], settings: SettingValues, snapshot?: (entry: T, name: string, before: T[]) => T): Record<string, T[]> {
  const exec = (list: ListOp<T>[], lists: Record<string, T[]>): Record<string, T[]> => {
    for (const op of list) {
      const before = op.kind === 'set' ? lists[op.name] : undefined;
      const entries = op.kind !== 'if' && before && snapshot ? op.entries.map((e) => snapshot(e, op.name, before)) : op.kind !== 'if' ? op.entries : [];
      if (op.kind !== 'if') lists[op.name] = op.kind === 'set' ? [...entries] : [...(lists[op.name] ?? []), ...entries];
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
  const out = new Map<string, string | boolean>(envDefaults(text));
  const value = String.raw`(?:r?(['"])([^'"\n]*)\2|(True|False|None))`;
  const plain = new RegExp(String.raw`^([A-Z][A-Z0-9_]*)\s*=\s*${value}\s*(?:#.*)?$`, 'gm');
  for (const m of text.matchAll(plain)) out.set(m[1], m[4] !== undefined ? m[4] === 'True' : m[3]);
  const byDefault = new RegExp(String.raw`^([A-Z][A-Z0-9_]*)\s*=\s*getattr\(\s*\w+\s*,\s*(['"])\1\2\s*,\s*(?:r?(['"])([^'"\n]*)\3|(True|False|None))\s*\)\s*(?:#.*)?$`, 'gm');
  for (const m of text.matchAll(byDefault)) out.set(m[1], m[5] !== undefined ? m[5] === 'True' : m[4]);
  return out;
}

/**
 * `NAME = os.getenv("K", "")`, `os.environ.get("K", False)`, and the flag idiom
 * `NAME = os.getenv("K", False) in (True, "True", "true", "1")`: the value with the variable unset
 * (a fresh install), the membership decided with Python's equality of literals.
 */
function envDefaults(text: string): [string, string | boolean][] {
  const out: [string, string | boolean][] = [];
  const lit = String.raw`(?:r?(['"])([^'"\n]*)\2|(True|False|None))`;
  const get = String.raw`os\.(?:getenv|environ\.get)\(\s*(['"])[\w.-]+\2\s*,\s*${lit.replace('\\2', '\\3')}\s*\)`;
  const re = new RegExp(String.raw`^([A-Z][A-Z0-9_]*)\s*=\s*${get}(\s+in\s+[([]([^()\[\]]*)[)\]])?\s*(?:#.*)?$`, 'gm');
  for (const m of text.matchAll(re)) {
    const v: string | boolean = m[5] !== undefined ? m[5] === 'True' : m[4];
    if (m[6] === undefined) {
      out.push([m[1], v]);
      continue;
    }
    const items = m[7].split(',').map((x) => x.trim()).filter(Boolean);
    const vals = items.map((x) => (/^(True|False|None)$/.test(x) ? x === 'True' : (/^r?(['"])(.*)\1$/.exec(x)?.[2] ?? null)));
    if (vals.some((x) => x === null)) continue;
    // None compares equal to nothing here but None, which a flag's tuple does not hold.
    out.push([m[1], m[5] === 'None' ? false : vals.includes(v)]);
  }
  return out;
}
