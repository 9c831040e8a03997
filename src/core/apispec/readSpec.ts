// OpenAPI 3 and Swagger 2 documents of a repository, read into operations (method, full path,
// line). YAML and JSON both go through the `yaml` parser (JSON is YAML), which also gives lines.
import { LineCounter, parseDocument, isMap, isScalar, type Document, type Pair } from 'yaml';
import type { ApiDocument, ApiOperation } from './types';

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

export function readSpec(file: string, text: string): ReadSpecResult {
  if (text.length > MAX_BYTES) return { operations: [], problem: `larger than ${MAX_BYTES / 1024 / 1024} MB` };
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  } catch (err) {
    return { operations: [], problem: (err as Error).message.split('\n')[0] };
  }
  if (doc.errors.length) return { operations: [], problem: doc.errors[0].message.split('\n')[0] };
  const root = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
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
  const pathsNode = isMap(doc.contents) ? doc.contents.get('paths', true) : undefined;
  if (isMap(pathsNode)) {
    for (const pair of pathsNode.items as Pair[]) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !pair.key.value.startsWith('/')) continue;
      const p = pair.key.value;
      const line = pair.key.range ? lines.linePos(pair.key.range[0]).line : undefined;
      const item = pair.value;
      if (!isMap(item)) continue;
      for (const op of item.items as Pair[]) {
        const method = isScalar(op.key) ? String(op.key.value).toLowerCase() : '';
        if (!(HTTP_METHODS as readonly string[]).includes(method)) continue;
        const opLine = isScalar(op.key) && op.key.range ? lines.linePos(op.key.range[0]).line : line;
        const js = (isMap(op.value) ? op.value.toJSON() : {}) as { operationId?: unknown };
        operations.push({ method: method.toUpperCase(), path: `${basePath}${p}`, file, ...(opLine ? { line: opLine } : {}), ...(typeof js.operationId === 'string' ? { operationId: js.operationId } : {}) });
      }
    }
  }
  const info = root.info as { title?: unknown } | undefined;
  return { document: { file, version, ...(typeof info?.title === 'string' ? { title: info.title } : {}), basePath, operations: operations.length }, operations };
}
