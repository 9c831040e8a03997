// The configuration files a Spring Boot application starts with, parsed into plain documents that
// `springConfigLists` reads keys from. Spring loads `application.properties`, `.yaml` and `.yml`
// from the same folder (a `.properties` value wins over a YAML one), then the active profiles'
// `application-<profile>.*` files, and a YAML file may hold several documents, some of them only
// for one profile (`spring.config.activate.on-profile`, or the older `spring.profiles`). A file we
// cannot parse contributes nothing, so a key set only there stays unread rather than guessed.
import { parseAllDocuments } from 'yaml';
import { MAX_DATA_CHARS, stampOf } from './interp/dataFiles';
import type { DataFileStamp } from './types';
import { dict, getOwn, setOwn, table } from '../ownKeys';

/** One parsed document and, when it only applies under some profiles, their names. */
export interface ConfigDoc {
  doc: unknown;
  onProfiles?: string[];
}

/** The extensions Spring reads, weakest first: a later file's value wins over an earlier one's. */
export const CONFIG_EXTENSIONS = ['yaml', 'yml', 'properties'] as const;

/** `a.b.c` in a parsed document, also written flat (`a.b: …`, `a: { b.c: … }`). */
export function lookup(doc: unknown, key: string): unknown {
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

/** A string list, or one comma-separated string (Spring binds both to a `List<String>`). */
export function stringList(v: unknown): string[] | undefined {
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return undefined;
}

function profilesOf(doc: unknown): string[] | undefined {
  return stringList(lookup(doc, 'spring.config.activate.on-profile') ?? lookup(doc, 'spring.profiles'));
}

/** Every document of a YAML file; none when any of them has an error. */
function yamlDocs(text: string): ConfigDoc[] {
  try {
    // The same bound on aliases as the data files the interpreter reads (a repository is untrusted).
    const docs = parseAllDocuments(text, { prettyErrors: false });
    if (!Array.isArray(docs)) return [];
    if (docs.some((d) => d.errors.length > 0)) return [];
    return docs.map((d) => {
      const doc: unknown = d.toJS({ maxAliasCount: 50 });
      const onProfiles = profilesOf(doc);
      return onProfiles ? { doc, onProfiles } : { doc };
    });
  } catch {
    return [];
  }
}

const ESCAPES = table({ t: '\t', n: '\n', r: '\r', f: '\f' });

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, c: string) =>
    c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : (getOwn(ESCAPES, c) ?? c),
  );
}

/** The logical lines of a `.properties` file: comments dropped, `\`-continued lines joined. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending: string | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (pending === undefined && (line === '' || line.startsWith('#') || line.startsWith('!'))) continue;
    const trailing = /\\+$/.exec(line)?.[0].length ?? 0;
    const body = trailing % 2 === 1 ? line.slice(0, -1) : line;
    pending = (pending ?? '') + body;
    if (trailing % 2 === 0) {
      out.push(pending);
      pending = undefined;
    }
  }
  if (pending !== undefined) out.push(pending);
  return out;
}

/**
 * A `.properties` file as one flat document: `a.b=x` → `{ 'a.b': 'x' }`, and indexed keys
 * `a.urls[0]=x` gathered into a list under `a.urls` (in index order).
 */
export function parseProperties(text: string): Record<string, unknown> {
  const flat = new Map<string, string>();
  for (const line of logicalLines(text)) {
    // The key ends at the first unescaped `=`, `:` or whitespace.
    const m = /^((?:\\.|[^=:\s\\])*)\s*[=:\s]?\s*(.*)$/s.exec(line);
    if (!m || !m[1]) continue;
    flat.set(unescape(m[1]), unescape(m[2]!));
  }
  const doc = dict<unknown>();
  const lists = new Map<string, Array<[number, string]>>();
  for (const [key, value] of flat) {
    const idx = /^(.*)\[(\d+)\]$/.exec(key);
    if (!idx) {
      setOwn(doc, key, value);
      continue;
    }
    const items = lists.get(idx[1]!) ?? [];
    items.push([Number(idx[2]), value]);
    lists.set(idx[1]!, items);
  }
  for (const [key, items] of lists) setOwn(doc, key, items.sort((a, b) => a[0] - b[0]).map(([, v]) => v));
  return doc;
}

/** A configuration file's documents by its extension; none for a missing, huge or broken file. */
export function configDocs(file: string, text: string | undefined): ConfigDoc[] {
  if (text === undefined || text.length > MAX_DATA_CHARS) return [];
  return file.endsWith('.properties') ? [{ doc: parseProperties(text) }] : yamlDocs(text);
}

/**
 * A JVM module's `src/main/resources/application.{properties,yml,yaml}`, in the order Quarkus and
 * Micronaut read them; each read stamped (a file that appears later changes the answer). `texts`: the
 * files that held settings, for the place of a key.
 */
export async function applicationConfig(module: string, readOptional: (rel: string) => Promise<string | undefined>, dataFiles: DataFileStamp[]): Promise<{ docs: unknown[]; texts: { file: string; text: string }[] }> {
  const docs: unknown[] = [];
  const texts: { file: string; text: string }[] = [];
  for (const ext of ['properties', 'yml', 'yaml']) {
    const file = `${module}src/main/resources/application.${ext}`;
    const text = await readOptional(file);
    dataFiles.push(stampOf(file, text));
    const parsed = configDocs(file, text);
    docs.push(...parsed.map((d) => d.doc));
    if (text !== undefined && parsed.length) texts.push({ file, text });
  }
  return { docs, texts };
}
