// Spring Security rules written under a setting's test, decided by the value the application starts with:
//   if (openviduConf.getOpenViduRecordingPublicAccess()) { auth.requestMatchers(GET, "/recordings/**").permitAll(); }
//   else { auth.requestMatchers(GET, "/recordings/**").hasRole("ADMIN"); }
// springSecurity.ts keeps each such rule with its `when` (the `if`'s condition, `!(…)` in the `else`)
// and calls a route only it opens `unknown`. Here a condition is read when it is a boolean setting:
// a getter of a bean (`conf.getX()`, `conf.isX()`) answering a field of its class, or a field of
// the configuration class itself, that field set from the application's configuration by
// `@Value("${key:default}")` or by one call of a loader method of the class handed the key
// (`x = asBoolean("KEY")`, a `boolean` method of a class that reads Spring's Environment). The
// value is the one `application.properties`/`.yml` (and the active profiles' files) give the key, or
// the `@Value` default. A rule whose condition is false never applies and is dropped; one whose
// condition is true applies as any other. Any other condition, a key no file sets (an environment
// variable then decides), or two applications setting it differently keeps the rule as it was.
import type { DataFileStamp } from './types';
import type { SecurityRule } from './springSecurity';
import { layersOf } from './springConfigLists';
import { lookup } from './springConfigFiles';
import { closeOf } from './javaBrackets';
import { stampOf } from './interp/dataFiles';

type ReadOptional = (rel: string) => Promise<string | undefined>;

/** Where a boolean setting comes from: its key, the default `@Value` gives it, and the file it is read in. */
interface Setting {
  key: string;
  fallback?: boolean;
  file: string;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A field's `@Value("${key:default}")`, or the one loader call that assigns it (`f = asBoolean("KEY")`), in a class's text. */
export function settingOfField(text: string, field: string): { key: string; fallback?: boolean } | undefined {
  const annotated = new RegExp(`@Value\\s*\\(\\s*"\\$\\{([^:}"]+)(?::([^}"]*))?\\}"\\s*\\)\\s*(?:(?:private|protected|public|final|static)\\s+)*(?:boolean|Boolean)\\s+${esc(field)}\\s*[;=]`).exec(text);
  if (annotated) {
    const d = annotated[2]?.trim().toLowerCase();
    return { key: annotated[1]!.trim(), ...(d === 'true' || d === 'false' ? { fallback: d === 'true' } : {}) };
  }
  // The field must be a boolean of this class, assigned once, by a loader call with the key as a literal.
  if (!new RegExp(`(?:boolean|Boolean)\\s+${esc(field)}\\s*;`).test(text)) return undefined;
  const sets = [...text.matchAll(new RegExp(`(?<![\\w.])(?:this\\.)?${esc(field)}\\s*=(?!=)\\s*([^;]+);`, 'g'))];
  if (sets.length !== 1) return undefined;
  const call = /^(\w+)\s*\(\s*"([^"]+)"\s*\)$/.exec(sets[0]![1]!.trim());
  if (!call) return undefined;
  // A loader: a boolean method of the class taking the key, in a class that reads the Environment.
  if (!new RegExp(`\\bboolean\\s+${esc(call[1]!)}\\s*\\(\\s*(?:final\\s+)?String\\s+\\w+\\s*\\)`).test(text)) return undefined;
  if (!/\.getProperty\s*\(/.test(text) || !/\bEnvironment\b/.test(text)) return undefined;
  return { key: call[2]! };
}

/** The field a no-argument boolean getter of a class's text answers (`return this.f;`), if that is all it does. */
export function getterField(text: string, getter: string): string | undefined {
  const m = new RegExp(`\\b(?:boolean|Boolean)\\s+${esc(getter)}\\s*\\(\\s*\\)\\s*\\{`).exec(text);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  const body = text.slice(open + 1, closeOf(text, open) - 1);
  return /^\s*return\s+(?:this\.)?(\w+)\s*;\s*$/.exec(body)?.[1];
}

/** The type a field of a class's text is declared with (`protected OpenviduConfig openviduConf;`). */
function fieldType(text: string, field: string): string | undefined {
  const types = new Set([...text.matchAll(new RegExp(`\\b([A-Z][\\w$]*)(?:<[^;=()]*>)?\\s+${esc(field)}\\s*[;=)]`, 'g'))].map((m) => m[1]!));
  return types.size === 1 ? [...types][0] : undefined;
}

/** The application folder (`<module>/src/main/resources/`) a Java or Kotlin file belongs to. */
const resourcesOf = (file: string): string | undefined => {
  const m = /^(.*?)src\/main\/(?:java|kotlin)\//.exec(file);
  return m ? `${m[1]}src/main/resources/` : undefined;
};

/** Rules with each condition that is a boolean setting decided: dropped when it is false, kept without it when true. */
export async function resolveRuleConditions(rules: SecurityRule[], javaFiles: string[], readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<SecurityRule[]> {
  if (!rules.some((r) => r.when)) return rules;
  const texts = new Map<string, string | undefined>();
  const textOf = async (file: string) => {
    if (!texts.has(file)) {
      const text = await readOptional(file);
      // Editing the class that holds the setting computes the answer again.
      dataFiles.push(stampOf(file, text));
      texts.set(file, text);
    }
    return texts.get(file);
  };
  const layers = new Map<string, unknown[]>();
  const layersAt = async (dir: string) => {
    if (!layers.has(dir)) layers.set(dir, await layersOf(dir, readOptional, dataFiles));
    return layers.get(dir)!;
  };
  /** The setting a condition reads, from the rule's own file or the bean class its field holds. */
  const settingOf = async (cond: string, file: string): Promise<Setting | undefined> => {
    const text = await textOf(file);
    if (!text) return undefined;
    const bare = /^(?:this\.)?(\w+)$/.exec(cond);
    if (bare) {
      const s = settingOfField(text, bare[1]!);
      return s && { ...s, file };
    }
    const got = /^(?:this\.)?(\w+)\s*\.\s*((?:get|is)\w*)\s*\(\s*\)$/.exec(cond);
    if (!got) return undefined;
    const type = fieldType(text, got[1]!);
    const homes = type ? javaFiles.filter((f) => f.endsWith(`/${type}.java`) || f === `${type}.java`) : [];
    if (homes.length !== 1) return undefined;
    const home = await textOf(homes[0]!);
    const field = home && getterField(home, got[2]!);
    const s = field ? settingOfField(home, field) : undefined;
    return s && { ...s, file: homes[0]! };
  };
  /** A condition's value at start-up, or undefined when it is not a setting read here. */
  const valueOf = async (when: string, file: string): Promise<boolean | undefined> => {
    const c = when.trim();
    const neg = /^!\s*\((.*)\)$/s.exec(c) ?? /^!\s*([\w.]+(?:\(\s*\))?)$/.exec(c);
    if (neg) {
      const v = await valueOf(neg[1]!, file);
      return v === undefined ? undefined : !v;
    }
    const s = await settingOf(c.replace(/^\((.*)\)$/s, '$1').trim(), file);
    const dir = s && resourcesOf(s.file);
    if (!s || !dir) return undefined;
    let v: unknown;
    for (const d of await layersAt(dir)) v = lookup(d, s.key) ?? v;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
    return v === undefined ? s.fallback : undefined;
  };
  const out: SecurityRule[] = [];
  for (const r of rules) {
    if (!r.when) {
      out.push(r);
      continue;
    }
    const v = await valueOf(r.when, r.file);
    if (v === false) continue;
    if (v === true) {
      const rest = { ...r };
      delete rest.when;
      out.push(rest);
    } else out.push(r);
  }
  return out;
}
