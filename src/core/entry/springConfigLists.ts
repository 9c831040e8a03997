// Spring Security rules whose paths come from the application's configuration:
//   for (String url : ignoreUrlsConfig.getUrls()) registry.antMatchers(url).permitAll();
// where `ignoreUrlsConfig` is a `@ConfigurationProperties(prefix = "secure.ignored")` bean whose
// `urls` list is set in `src/main/resources/application.yml` (or `.yaml`, `.properties`). The
// rule's paths are the list the application starts with (its base files, then the profiles
// `spring.profiles.active` names, which override them: springConfigFiles says which files and in
// which order), read here and stamped into the answer's data files, so that editing the list
// computes the answer again. A list we cannot find, or that two applications of the repository
// set differently, leaves the rule unread (its routes `unknown`), never guessed.
import type { DataFileStamp } from './types';
import { stampOf } from './interp/dataFiles';
import { CONFIG_EXTENSIONS, configDocs, lookup, stringList } from './springConfigFiles';
import type { ConfigDoc } from './springConfigFiles';

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

/** Spring's relaxed binding: `ignoreUrls` and `ignore-urls` name the same property. */
const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const listAt = (doc: unknown, key: string): string[] | undefined => stringList(lookup(doc, key) ?? lookup(doc, kebab(key)));

/**
 * The documents an application in `dir` starts with, weakest first: the base files' documents
 * that apply to every profile, then for each active profile its documents in the base files and
 * its own `application-<profile>.*` files; each name read from `dir` and then from `dir/config/`. Every file looked at is stamped, present or not.
 */
export async function layersOf(dir: string, readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<unknown[]> {
  // Spring Boot reads classpath:/ and then classpath:/config/, whose files win.
  const read = async (name: string): Promise<ConfigDoc[]> => {
    const docs: ConfigDoc[] = [];
    for (const folder of [dir, `${dir}config/`]) {
      for (const ext of CONFIG_EXTENSIONS) {
        const file = `${folder}${name}.${ext}`;
        const text = await readOptional(file);
        dataFiles.push(stampOf(file, text));
        docs.push(...configDocs(file, text));
      }
    }
    return docs;
  };
  const base = await read('application');
  const layers = base.filter((d) => !d.onProfiles).map((d) => d.doc);
  let profiles: string[] = [];
  for (const d of layers) profiles = listAt(d, 'spring.profiles.active') ?? profiles;
  for (const p of profiles) {
    for (const d of base) if (d.onProfiles?.includes(p)) layers.push(d.doc);
    for (const d of await read(`application-${p}`)) if (!d.onProfiles || d.onProfiles.includes(p)) layers.push(d.doc);
  }
  return layers;
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
    const layers = await layersOf(`${root}src/main/resources/`, readOptional, dataFiles);
    if (layers.length > 0) docs.push(layers);
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
