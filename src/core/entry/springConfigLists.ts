// Spring Security rules whose paths come from the application's configuration:
//   for (String url : ignoreUrlsConfig.getUrls()) registry.antMatchers(url).permitAll();
// where `ignoreUrlsConfig` is a `@ConfigurationProperties(prefix = "secure.ignored")` bean whose
// `urls` list is set in `src/main/resources/application.yml`. The rule's paths are the list the
// application starts with (its `application.yml`, then the profile `spring.profiles.active` names,
// which overrides it), read here and stamped into the answer's data files, so that editing the
// list computes the answer again. A list we cannot find, or that two applications of the
// repository set differently, leaves the rule unread (its routes `unknown`), never guessed.
import { parse as parseYaml } from 'yaml';
import type { DataFileStamp } from './types';
import { stampOf, MAX_DATA_CHARS } from './interp/dataFiles';
import { getOwn } from '../ownKeys';

/** A pattern standing for a configuration list: `<config>Type.field`. */
export const CONFIG_LIST = '<config>';

/** A `@ConfigurationProperties` class: its type name and its prefix. */
export interface ConfigClass {
  type: string;
  prefix: string;
}

/** `@ConfigurationProperties(prefix = "a.b") … class X` in a Java or Kotlin file. */
export function parseConfigClasses(text: string): ConfigClass[] {
  if (!text.includes('@ConfigurationProperties')) return [];
  const out: ConfigClass[] = [];
  for (const m of text.matchAll(/@ConfigurationProperties\s*\(\s*(?:(?:prefix|value)\s*=\s*)?"([^"]+)"[^)]*\)[\s\S]{0,400}?\bclass\s+(\w+)/g)) out.push({ type: m[2], prefix: m[1] });
  return out;
}

/** The entry pass's reader: a file's text, or undefined when it is not there. */
type ReadOptional = (rel: string) => Promise<string | undefined>;

/** `a.b.c` in a parsed YAML document, also written flat (`a.b: …`, `a: { b.c: … }`). */
function lookup(doc: unknown, key: string): unknown {
  if (!key) return doc;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const parts = key.split('.');
  for (let i = parts.length; i > 0; i--) {
    const head = parts.slice(0, i).join('.');
    const found = lookup(getOwn(doc as Record<string, unknown>, head), parts.slice(i).join('.'));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Spring's relaxed binding: `ignoreUrls` and `ignore-urls` name the same property. */
const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function listAt(doc: unknown, key: string): string[] | undefined {
  const v = lookup(doc, key) ?? lookup(doc, kebab(key));
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return undefined;
}

function parsed(text: string | undefined): unknown {
  if (text === undefined || text.length > MAX_DATA_CHARS) return undefined;
  try {
    // The same bound on aliases as the data files the interpreter reads (a repository is untrusted).
    return parseYaml(text, { maxAliasCount: 50, prettyErrors: false });
  } catch {
    return undefined;
  }
}

/**
 * `rules` with each configuration-list pattern replaced by the list the application starts with,
 * or by `unread` when it cannot be told (copies: the per-file records are kept as they were).
 * `javaFiles`: the repository's Java/Kotlin files (their module folders say where each
 * application's `src/main/resources/` is).
 */
export async function resolveConfigLists<R extends { patterns: string[] }>(
  rules: R[],
  classes: ConfigClass[],
  javaFiles: string[],
  readOptional: ReadOptional,
  dataFiles: DataFileStamp[],
  unread: string,
): Promise<R[]> {
  const wanted = (r: R): boolean => r.patterns.some((p) => p.startsWith(CONFIG_LIST));
  if (!rules.some(wanted)) return rules;
  const roots = [...new Set(javaFiles.map((f) => /^(.*?)src\/main\/(?:java|kotlin)\//.exec(f)?.[1]).filter((r): r is string => r !== undefined))].sort();
  const docs: unknown[][] = [];
  for (const root of roots) {
    const dir = `${root}src/main/resources/`;
    const base = `${dir}application.yml`;
    const text = await readOptional(base);
    dataFiles.push(stampOf(base, text));
    const doc = parsed(text);
    if (doc === undefined) continue;
    // The active profile's file overrides the base one.
    const profiles = listAt(doc, 'spring.profiles.active') ?? [];
    const layers = [doc];
    for (const p of profiles) {
      const file = `${dir}application-${p}.yml`;
      const t = await readOptional(file);
      dataFiles.push(stampOf(file, t));
      const d = parsed(t);
      if (d !== undefined) layers.push(d);
    }
    docs.push(layers);
  }
  const valueOf = (type: string, field: string): string[] | undefined => {
    const cls = classes.filter((c) => c.type === type);
    if (cls.length !== 1) return undefined;
    const key = `${cls[0]!.prefix}.${field}`;
    const found = new Set<string>();
    let list: string[] | undefined;
    for (const layers of docs) {
      let v: string[] | undefined;
      for (const d of layers) v = listAt(d, key) ?? v;
      if (!v) continue;
      found.add(JSON.stringify(v));
      list = v;
    }
    // Two applications setting it differently: which one serves these routes is not told here.
    return found.size === 1 ? list : undefined;
  };
  return rules.map((r) =>
    wanted(r)
      ? {
          ...r,
          patterns: r.patterns.flatMap((p) => {
            if (!p.startsWith(CONFIG_LIST)) return [p];
            const [type, field] = p.slice(CONFIG_LIST.length).split('.');
            return valueOf(type!, field!) ?? [unread];
          }),
        }
      : r,
  );
}
