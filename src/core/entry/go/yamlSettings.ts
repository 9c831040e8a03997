// Settings a Go service reads from a YAML configuration file into structs of its own, handed to the
// code that builds the routers as parameters (apache/answer: `NewHTTPServer(…, uiConf *UI)` joins
// `uiConf.APIBaseURL + "/answer/api/v1"`, `UI.APIBaseURL` tagged `yaml:"api_base_url"`, the struct
// held by `AllConfig.UI` tagged `yaml:"ui"`, and `configs/config.yaml` ships `ui: api_base_url: ''`).
// What a fresh install runs with is the shipped file's value at the field's key path. The path is
// the chain of tagged fields from a struct no other struct holds down to the field; the files are
// the repository's configuration YAML files by their usual names and places. A field whose path is
// not one chain, files that disagree, or a key no file has leave the setting unknown, never guessed.
import { parseAllDocuments } from 'yaml';
import type { GoNode as Node } from './goNode';
import type { GoField } from './types';

/** `yaml:"api_base_url"` (else `mapstructure:"…"`): the key a configuration file gives the field; none for `-` or an inline field. */
export function tagKey(fd: Node): string | undefined {
  const tag = fd.childForFieldName('tag')?.text;
  const m = tag ? /(?:^|[\s`])yaml:"([^",]*)/.exec(tag) ?? /(?:^|[\s`])mapstructure:"([^",]*)/.exec(tag) : null;
  return m && m[1] && m[1] !== '-' ? m[1] : undefined;
}

const DIRS = ['', 'config', 'configs', 'conf', 'etc'];
const NAME = /^(?:config|conf|app|application|settings|default)(?:[._-][\w.-]*)?\.ya?ml$/i;
const PREFIX = 'yaml:';
const CONFLICT = '\u0000conflict';
const SECTION = '\u0000section';

const USUAL = ['config', 'app', 'application', 'settings'].flatMap((n) => [`${n}.yaml`, `${n}.yml`]);

/** The configuration YAML files of the repository, by their usual names in its root and usual folders (tried by name when folders cannot be listed). */
export function yamlConfigFiles(listDir: ((rel: string) => string[] | undefined) | undefined): string[] {
  if (!listDir) return DIRS.flatMap((d) => USUAL.map((n) => (d ? `${d}/${n}` : n)));
  return DIRS.flatMap((d) => (listDir(d) ?? []).filter((n) => NAME.test(n)).map((n) => (d ? `${d}/${n}` : n))).sort();
}

/**
 * Every scalar of the files, `yaml:a.b.c` → its text, and each mapping as a section (`yaml:a` →
 * SECTION); a key two files give different values is a conflict. Added to `out` (the Go settings' map).
 */
export function addYamlSettings(texts: string[], out: Map<string, string>): void {
  for (const text of texts) {
    let docs;
    try {
      docs = parseAllDocuments(text);
    } catch {
      continue;
    }
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length) continue;
      flatten(doc.toJS() as unknown, '', out);
    }
  }
}

function flatten(v: unknown, at: string, out: Map<string, string>): void {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (at) put(out, at, SECTION);
    for (const [k, x] of Object.entries(v)) flatten(x, at ? `${at}.${k}` : k, out);
    return;
  }
  if (at && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) put(out, at, String(v));
  else if (at && v === null) put(out, at, '');
}

function put(out: Map<string, string>, key: string, value: string): void {
  const k = PREFIX + key;
  const prev = out.get(k);
  out.set(k, prev === undefined || prev === value ? value : CONFLICT);
}

/**
 * The shipped value of `type`'s field path (`dir#UI`, `['APIBaseURL']`): the files' scalar at the key
 * path the tags give, or Go's empty string for a string field the files' section leaves out.
 */
export function yamlSetting(structs: ReadonlyMap<string, Record<string, GoField>>, settings: ReadonlyMap<string, string>, type: string, fields: string[], top = false): string | undefined {
  const keys: string[] = [];
  let t = type;
  let last: GoField | undefined;
  for (const f of fields) {
    last = structs.get(t)?.[f];
    if (!last?.cfgKey) return undefined;
    keys.push(last.cfgKey);
    t = last.type.replace(/^\*/, '');
  }
  // `top`: the struct is the whole file's (a package variable the configuration is read into), whoever else holds its type.
  const above = top ? [] : keyPath(structs, type, new Set());
  if (!above || !last) return undefined;
  const path = [...above, ...keys].join('.');
  const v = settings.get(PREFIX + path);
  if (v === CONFLICT || v === SECTION) return undefined;
  if (v !== undefined) return v;
  const section = above.length ? settings.get(PREFIX + above.join('.')) : undefined;
  return section === SECTION && /(^|#)string$/.test(last.type) ? '' : undefined;
}

/** The keys from the top struct down to `type`: the one tagged field holding it, up to a struct nobody holds. */
function keyPath(structs: ReadonlyMap<string, Record<string, GoField>>, type: string, seen: Set<string>): string[] | undefined {
  if (seen.has(type) || seen.size > 6) return undefined;
  seen.add(type);
  const holders: { owner: string; key?: string }[] = [];
  for (const [owner, fields] of structs) for (const f of Object.values(fields)) if (f.type.replace(/^\*/, '') === type) holders.push({ owner, key: f.cfgKey });
  if (!holders.length) return [];
  if (holders.length > 1 || !holders[0].key) return undefined;
  const up = keyPath(structs, holders[0].owner, seen);
  return up ? [...up, holders[0].key] : undefined;
}

/** Whether any struct of the service is read from a configuration file (a field with such a tag): only then are files read. */
export const hasConfigStructs = (structs: Iterable<Record<string, GoField>>): boolean => {
  for (const s of structs) for (const f of Object.values(s)) if (f.cfgKey) return true;
  return false;
};
