// Connexion, across files: each `add_api` (connexionFacts.ts) loads an OpenAPI document, whose
// operations are the routes (connexionSpec.ts). The document is looked for where Connexion looks:
// the app's specification_dir (relative to the module that builds the app, or the repository), and
// when that folder is computed (`os.path.join(<package>.__path__[0], 'spec')`) under each Python
// package of the repository by its last literal part. A document not found makes no route: its
// operations are not known. Each operation's handler is the function its dotted operationId names,
// placed at its `def` in the service's module; one whose module is not ours stays at the document.
// An operation without a required scheme whose handler carries decorators, or refuses in its body,
// is unknown: that code is not judged here.
import path from 'node:path';
import type { DataFileStamp, FileDecls, RouteDecl } from '../types';
import type { ModuleIndex } from '../resolveModule';
import type { ConnexionApi } from './connexionFacts';
import { connexionOperations, type ConnexionOperation } from './connexionSpec';
import { stampOf } from '../interp/dataFiles';

/** Enough to find a document under the packages of a large repository, bounded all the same. */
const MAX_CANDIDATES = 60;

export async function linkConnexion(decls: FileDecls[], modules: ModuleIndex, files: readonly string[], read: (rel: string) => Promise<string | undefined>, dataFiles: DataFileStamp[]): Promise<void> {
  const uses = decls.filter((d) => d.py?.connexion);
  if (!uses.length) return;
  const packages = [...new Set(files.filter((f) => /(^|\/)__init__\.py$/.test(f)).map((f) => dirOf(f)))].sort();
  const texts = new Map<string, string | undefined>();
  const readData = async (p: string): Promise<string | undefined> => {
    if (!texts.has(p)) {
      const text = await read(p);
      texts.set(p, text);
      dataFiles.push(stampOf(p, text));
    }
    return texts.get(p);
  };
  const sources = new Map<string, string[] | undefined>();
  const sourceLines = async (f: string): Promise<string[] | undefined> => {
    if (!sources.has(f)) sources.set(f, (await read(f))?.split(/\r?\n/));
    return sources.get(f);
  };
  for (const d of uses) {
    for (const api of d.py!.connexion!.apis) {
      let found: { file: string; ops: ConnexionOperation[] } | undefined;
      for (const c of candidates(api, dirOf(d.file), packages)) {
        const text = await readData(c);
        const ops = text !== undefined ? connexionOperations(text, c, api.basePath) : undefined;
        if (ops) {
          found = { file: c, ops };
          break;
        }
      }
      if (!found) continue;
      for (const op of found.ops) {
        const at = op.target ? await handlerAt(op.target, d.file, modules, sourceLines) : undefined;
        // An operation no required scheme covers may still be refused by its handler's decorators or body, which are not judged.
        const unread = op.guard && !op.guard.optional ? [] : (at?.unread ?? []);
        const doubt = op.doubt ?? (unread.length ? `depends on ${unread.join(', ')}, not judged` : undefined);
        const route: RouteDecl = {
          method: op.method,
          path: op.path,
          ...(api.basePathText !== undefined ? { dynamic: `${api.basePathText} + ${op.path}` } : {}),
          handler: at?.name ?? op.target ?? `${op.method} ${op.path}`,
          ...(at ? { handlerRef: `${at.file}#${at.name}`, handlerSymbol: at.name } : {}),
          guards: op.guard ? [{ text: op.guard.name, line: op.guard.line, via: 'Connexion security', guard: op.guard }] : [],
          ...(doubt ? { doubt } : {}),
          file: at?.file ?? found.file,
          line: at?.line ?? op.line,
          order: op.line,
          framework: 'connexion',
        };
        d.routes.push(route);
      }
    }
  }
}

/** Where the document may be, in the order Connexion would take it. */
function candidates(api: ConnexionApi, here: string, packages: string[]): string[] {
  if (api.spec === undefined) return [];
  const spec = api.spec;
  const dirs = api.specDir !== undefined ? [join(here, api.specDir), api.specDir] : api.specDirTail !== undefined ? [join(here, api.specDirTail), ...packages.map((p) => join(p, api.specDirTail!)), api.specDirTail] : [here, ''];
  const out = new Set<string>();
  for (const dir of dirs) {
    const p = join(dir, spec);
    if (p && !p.startsWith('../') && !path.posix.isAbsolute(p)) out.add(p);
    if (out.size >= MAX_CANDIDATES) break;
  }
  return [...out];
}

/** The module file and function a dotted operationId names, the line of its `def`, and what may refuse before or in it. */
async function handlerAt(target: string, from: string, modules: ModuleIndex, lines: (f: string) => Promise<string[] | undefined>): Promise<Handler | undefined> {
  const parts = target.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const file = modules.resolvePy(from, parts.slice(0, i).join('.'));
    if (!file) continue;
    const name = parts.slice(i).join('.');
    const last = parts[parts.length - 1];
    const src = (await lines(file)) ?? [];
    // A module-level function at column 0; a method (`Class.method`) indented.
    const def = new RegExp(`^(${i === parts.length - 1 ? '' : '\\s+'})(async\\s+)?def\\s+${last}\\s*\\(`);
    const k = src.findIndex((l) => def.test(l));
    if (k < 0) return { file, name, line: 1, unread: [] };
    return { file, name, line: k + 1, unread: unreadChecks(src, k, def.exec(src[k])![1].length, file) };
  }
  return undefined;
}

interface Handler {
  file: string;
  name: string;
  line: number;
  /** Decorators on the handler and refusals in its body: not judged here, so an open operation under them is unknown. */
  unread: string[];
}

/** A refusal written in a handler's body: an HTTP 401/403, an abort, an auth exception raised. */
const REFUSAL = /\b(401|403|abort\s*\(|raise\s+\w*(Unauthori[sz]ed|Forbidden|Permission\w*|Unauthenticated|AuthError)\w*|HTTPStatus\.(UNAUTHORIZED|FORBIDDEN))/;

function unreadChecks(src: string[], k: number, indent: number, file: string): string[] {
  const out: string[] = [];
  for (let j = k - 1; j >= 0 && /^\s*@/.test(src[j]); j--) if (!/^\s*@(staticmethod|classmethod)\s*$/.test(src[j])) out.push(`decorator ${src[j].trim()} (${file}:${j + 1})`);
  for (let j = k + 1; j < src.length; j++) {
    const l = src[j];
    if (l.trim() && /^\s*/.exec(l)![0].length <= indent && !/^\s*[)\]]/.test(l)) break;
    if (REFUSAL.test(l) && !/^\s*#/.test(l)) {
      out.push(`the check \`${l.trim().slice(0, 60)}\` (${file}:${j + 1})`);
      break;
    }
  }
  return out;
}

function dirOf(f: string): string {
  const d = path.posix.dirname(f);
  return d === '.' ? '' : d;
}

function join(...parts: string[]): string {
  const p = path.posix.normalize(parts.filter(Boolean).join('/'));
  return p === '.' ? '' : p.replace(/^\.\//, '');
}
