// The routes of a framework's own file servers (echo's Static and File, gin's Static and
// StaticFile, fiber's Static, Iris's HandleDir), read by go/extract.ts where the router's call is.
import type { GoNode as Node } from './goNode';
import { line } from '../treeUtil';
import { IRIS_FILES } from './iris';
import type { GoCandidate, GoFileFacts, GoRef, StrPart } from './types';

/** What the file servers' routes take from the file's extraction (extract.ts). */
export interface FileServerContext {
  facts: GoFileFacts;
  file: string;
  str: (n: Node) => StrPart[];
  /** The key of the function the call sits in. */
  fnKey: (call: Node) => string;
  candidate: (n: Node, via: string) => GoCandidate;
  fnNode: (call: Node) => string;
  frameworkOf: (r: GoRef) => string;
}

export function fileServerRoutes(x: FileServerContext): { addFiles: (call: Node, recv: GoRef, field: string, args: Node[]) => void; addGinFiles: (call: Node, recv: GoRef, field: string, args: Node[], fiber?: boolean) => void } {
  /**
   * echo's `Static(prefix, root)` serves `GET prefix` and `GET prefix/*` (only `prefix*` when the
   * prefix ends with a slash, a prefix we cannot read is taken without one); `File(path, file, mw…)`
   * serves `GET path`. The handler is echo's own file server: named by what it serves.
   */
  const addFiles = (call: Node, recv: GoRef, field: string, args: Node[]): void => {
    const parts = x.str(args[0]);
    const last = parts[parts.length - 1];
    const files = field === 'Static' || field === 'StaticFS';
    const paths = !files ? [parts] : last && 'lit' in last && last.lit.endsWith('/') ? [[...parts, { lit: '*' }]] : [parts, [...parts, { lit: '/*' }]];
    const mw = field === 'File' ? args.slice(2) : field === 'FileFS' ? args.slice(3) : [];
    for (const path of paths) {
      x.facts.routes.push({
        router: recv,
        method: 'GET',
        path,
        fnKey: x.fnKey(call),
        handler: `${field}(${args[1].text.replace(/\s+/g, ' ').slice(0, 100)})`,
        registrar: field,
        guards: mw.map((m) => x.candidate(m, `middleware argument of ${x.fnNode(call)}`)),
        file: x.file,
        line: line(call),
        order: call.startIndex,
        framework: x.frameworkOf(recv),
      });
    }
  };
  /**
   * gin's `Static(path, root)` and `StaticFS(path, fs)` serve GET and HEAD `path/*filepath`;
   * `StaticFile(path, file)` and `StaticFileFS(path, file, fs)` serve GET and HEAD `path`. fiber's
   * `Static(prefix, root)` serves the files under the prefix: one GET `prefix/*` (fiber adds HEAD
   * to every GET, as express answers HEAD); Iris's `HandleDir(prefix, fs)` likewise. The handler is the framework's own file server.
   */
  const addGinFiles = (call: Node, recv: GoRef, field: string, args: Node[], fiber = false): void => {
    const parts = x.str(args[0]);
    const last = parts[parts.length - 1];
    const tail = fiber ? (last && 'lit' in last && last.lit.endsWith('/') ? '*' : '/*') : '/*filepath';
    const path = field === 'Static' || field === 'StaticFS' || IRIS_FILES.has(field) ? [...parts, { lit: tail }] : parts;
    for (const method of fiber ? ['GET'] : ['GET', 'HEAD']) {
      x.facts.routes.push({
        router: recv,
        method,
        path,
        fnKey: x.fnKey(call),
        handler: `${field}(${args[1].text.replace(/\s+/g, ' ').slice(0, 100)})`,
        registrar: field,
        guards: [],
        file: x.file,
        line: line(call),
        order: call.startIndex,
        framework: x.frameworkOf(recv),
      });
    }
  };
  return { addFiles, addGinFiles };
}
