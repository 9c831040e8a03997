// Connexion, across files: each `add_api` (connexionFacts.ts) loads an OpenAPI document, whose
// operations are the routes (connexionSpec.ts). The document is looked for where Connexion looks:
// the app's specification_dir (relative to the module that builds the app, or the repository), and
// when that folder is computed (`os.path.join(<package>.__path__[0], 'spec')`) under each Python
// package of the repository by its last literal part. A document not found makes no route: its
// operations are not known. Each operation's handler is the function its dotted operationId names,
// placed at its `def` in the service's module; one whose module is not ours stays at the document.
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
        const route: RouteDecl = {
          method: op.method,
          path: op.path,
          ...(api.basePathText !== undefined ? { dynamic: `${api.basePathText} + ${op.path}` } : {}),
          handler: at?.name ?? op.target ?? `${op.method} ${op.path}`,
          ...(at ? { handlerRef: `${at.file}#${at.name}`, handlerSymbol: at.name } : {}),
          guards: op.guard ? [{ text: op.guard.name, line: op.guard.line, via: 'Connexion security', guard: op.guard }] : [],
          ...(op.doubt ? { doubt: op.doubt } : {}),
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

/** The module file and function a dotted operationId names, and the line of its `def`. */
async function handlerAt(target: string, from: string, modules: ModuleIndex, lines: (f: string) => Promise<string[] | undefined>): Promise<{ file: string; name: string; line: number } | undefined> {
  const parts = target.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const file = modules.resolvePy(from, parts.slice(0, i).join('.'));
    if (!file) continue;
    const name = parts.slice(i).join('.');
    const last = parts[parts.length - 1];
    const src = (await lines(file)) ?? [];
    // A module-level function at column 0; a method (`Class.method`) indented.
    const def = new RegExp(`^${i === parts.length - 1 ? '' : '\\s+'}(async\\s+)?def\\s+${last}\\s*\\(`);
    const k = src.findIndex((l) => def.test(l));
    return { file, name, line: k >= 0 ? k + 1 : 1 };
  }
  return undefined;
}

function dirOf(f: string): string {
  const d = path.posix.dirname(f);
  return d === '.' ? '' : d;
}

function join(...parts: string[]): string {
  const p = path.posix.normalize(parts.filter(Boolean).join('/'));
  return p === '.' ? '' : p.replace(/^\.\//, '');
}
