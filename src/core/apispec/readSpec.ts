// OpenAPI 3 and Swagger 2 documents of a repository, read into operations (method, full path,
// line). YAML and JSON both go through the `yaml` parser (JSON is YAML), which also gives lines.
import { indentQuoted } from './lenientYaml';
import { LineCounter, parseDocument, isMap, isScalar, type Document, type Pair } from 'yaml';
import type { ApiDocument, ApiOperation } from './types';
import type { JsonNode } from './jsonOutline';
import { jsonOutline } from './jsonOutline';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const NAME = /\.(ya?ml|json)$/i;
const SPEC_HEAD = /^\s*["']?(openapi|swagger)["']?\s*:\s*["']?(\d[\w.-]*)/m;
const MAX_BYTES = 4 * 1024 * 1024;

/** True when a file's name and first bytes say it is an OpenAPI or Swagger document. */
export function looksLikeSpec(file: string, head: string): boolean {
  if (!NAME.test(file)) return false;
  if (/(^|\/)(package(-lock)?|tsconfig|composer|\.eslintrc|renovate)\.json$/i.test(file)) return false;
  return SPEC_HEAD.test(head.slice(0, 4096)) || /"(openapi|swagger)"\s*:\s*"\d/.test(head.slice(0, 4096));
}

/** The path part of a server URL (`https://api.example.com/v1` → `/v1`; variables left as written). */
function serverPath(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(url);
  const p = m ? (m[1] ?? '') : url.startsWith('/') ? url : '';
  return p.replace(/\/+$/, '');
}

export interface ReadSpecResult {
  document?: ApiDocument;
  operations: ApiOperation[];
  /** Why it could not be read, when it could not. */
  problem?: string;
}

/** A path of the description, with its operations (key, line, value when it is a mapping). */
interface PathEntry {
  path: string;
  line?: number;
  /** Undefined when the path's value is not a mapping. */
  ops?: { key: string; line?: number; value: () => Record<string, unknown> | undefined }[];
}

type Parsed = { root: unknown; paths: PathEntry[] } | { problem: string };

/** Through the `yaml` parser (any YAML, and JSON), with the lines its LineCounter gives. */
function parseYaml(text: string): Parsed {
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  } catch (err) {
    return { problem: (err as Error).message.split('\n')[0] };
  }
  if (doc.errors.length) return { problem: doc.errors[0].message.split('\n')[0] };
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const paths: PathEntry[] = [];
  const pathsNode = isMap(doc.contents) ? doc.contents.get('paths', true) : undefined;
  if (isMap(pathsNode)) {
    for (const pair of pathsNode.items as Pair[]) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
      const line = pair.key.range ? lines.linePos(pair.key.range[0]).line : undefined;
      const item = pair.value;
      paths.push({
        path: pair.key.value,
        ...(line ? { line } : {}),
        ...(isMap(item)
          ? {
              ops: (item.items as Pair[]).map((op) => ({
                key: isScalar(op.key) ? String(op.key.value) : '',
                ...(isScalar(op.key) && op.key.range ? { line: lines.linePos(op.key.range[0]).line } : {}),
                value: () => (isMap(op.value) ? (op.value.toJSON() as Record<string, unknown>) : undefined),
              })),
            }
          : {}),
      });
    }
  }
  return { root, paths };
}

/**
 * A JSON description: JSON.parse for the values, jsonOutline for the lines of the paths and
 * operations — what parseYaml gives, many times faster. Undefined when the text is not JSON.
 */
function parseJson(text: string): Parsed | undefined {
  let root: unknown;
  let outline: JsonNode;
  try {
    root = JSON.parse(text);
    outline = jsonOutline(text, 2);
  } catch {
    return undefined;
  }
  const paths: PathEntry[] = [];
  // The first "paths" key, as the YAML mapping's get gives it.
  const pathsNode = outline.pairs?.find((p) => p.key === 'paths')?.value;
  for (const pair of pathsNode?.pairs ?? []) {
    const item = pair.value;
    paths.push({
      path: pair.key,
      line: pair.line,
      ...(item.pairs
        ? {
            ops: item.pairs.map((op) => ({
              key: op.key,
              line: op.line,
              value: () => (op.value.kind === 'object' ? (JSON.parse(text.slice(op.value.start, op.value.end)) as Record<string, unknown>) : undefined),
            })),
          }
        : {}),
    });
  }
  return { root, paths };
}

/** `parser: 'yaml'` reads JSON through the YAML parser too (tests compare the two readings). */
export function readSpec(file: string, text: string, o: { parser?: 'yaml' } = {}): ReadSpecResult {
  if (text.length > MAX_BYTES) return { operations: [], problem: `larger than ${MAX_BYTES / 1024 / 1024} MB` };
  let parsed = (o.parser !== 'yaml' && /^\s*\{/.test(text) ? parseJson(text) : undefined) ?? parseYaml(text);
  // A document PyYAML reads (a quoted scalar continued under its key, lenientYaml.ts): read as it reads it, lines unchanged.
  if ('problem' in parsed) {
    const again = parseYaml(indentQuoted(text));
    if (!('problem' in again)) parsed = again;
  }
  if ('problem' in parsed) return { operations: [], problem: parsed.problem };
  const root = parsed.root as Record<string, unknown> | null;
  if (!root || typeof root !== 'object') return { operations: [], problem: 'not a mapping' };
  const version = typeof root.openapi === 'string' ? `openapi ${root.openapi}` : root.swagger !== undefined ? `swagger ${String(root.swagger)}` : undefined;
  if (!version) return { operations: [], problem: 'no "openapi" or "swagger" field' };
  let basePath = '';
  if (typeof root.basePath === 'string') basePath = root.basePath.replace(/\/+$/, '');
  const servers = Array.isArray(root.servers) ? (root.servers as { url?: unknown }[]) : [];
  // Several servers: the path most of them share is the prefix (usually they differ by host only).
  const paths = servers.map((s) => (typeof s?.url === 'string' ? serverPath(s.url) : '')).filter((p) => !p.includes('{'));
  if (!basePath && paths.length) basePath = paths[0];
  const operations: ApiOperation[] = [];
  for (const entry of parsed.paths) {
    if (!entry.path.startsWith('/') || !entry.ops) continue;
    for (const op of entry.ops) {
      const method = op.key.toLowerCase();
      if (!(HTTP_METHODS as readonly string[]).includes(method)) continue;
      const opLine = op.line ?? entry.line;
      const js = (op.value() ?? {}) as { operationId?: unknown };
      operations.push({ method: method.toUpperCase(), path: `${basePath}${entry.path}`, file, ...(opLine ? { line: opLine } : {}), ...(typeof js.operationId === 'string' ? { operationId: js.operationId } : {}) });
    }
  }
  const info = root.info as { title?: unknown } | undefined;
  return { document: { file, version, ...(typeof info?.title === 'string' ? { title: info.title } : {}), basePath, operations: operations.length }, operations };
}
