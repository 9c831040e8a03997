// Connexion, per file: the `add_api(specification, base_path=…)` calls that load an OpenAPI
// document, and the `specification_dir` of the Connexion app the file builds (`App`, `FlaskApp`,
// `AsyncApp`), which the document's name is relative to. connexionLink.ts reads the document.
// A folder written as `os.path.join(<package folder>, 'spec')` or `Path(...) / 'spec'` cannot be
// evaluated here: its last literal part is kept, for the link to look for it under the
// repository's packages.
import type { Node } from 'web-tree-sitter';
import { all, line, stringValue } from '../treeUtil';
import { evalStr, type StrEnv } from './pyEval';
import { kwArg, positionalArgs } from './pyScope';

export interface ConnexionApi {
  /** The document as named (a path relative to the app's specification_dir), or its last literal part. */
  spec?: string;
  /** The spec argument could only be read in part (`spec` is its last literal part). */
  specTail?: true;
  /** `base_path=` as evaluated; `basePathText` when given but not evaluated. */
  basePath?: string;
  basePathText?: string;
  /** The app's `specification_dir=` as evaluated, or only its last literal part (`specDirTail`). */
  specDir?: string;
  specDirTail?: string;
  line: number;
}

export interface ConnexionFacts {
  apis: ConnexionApi[];
}

/** Connexion's application classes (`connexion.App` is the Flask one before 3.0). */
const APP = /^(connexion\.)?(App|FlaskApp|AsyncApp|AioHttpApp)$/;

export function connexionFacts(root: Node, env: StrEnv): ConnexionFacts | undefined {
  const calls = all(root, 'call');
  let specDir: string | undefined;
  let specDirTail: string | undefined;
  for (const call of calls) {
    if (!APP.test(call.childForFieldName('function')?.text ?? '')) continue;
    const dir = kwArg(call, 'specification_dir');
    if (!dir) continue;
    specDir = evalStr(dir, env);
    specDirTail = specDir === undefined ? tailOf(dir) : undefined;
  }
  const apis: ConnexionApi[] = [];
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'add_api') continue;
    const arg = positionalArgs(call)[0] ?? kwArg(call, 'specification');
    if (!arg) continue;
    const spec = evalStr(arg, env);
    const tail = spec === undefined ? tailOf(arg) : undefined;
    const bp = kwArg(call, 'base_path');
    const basePath = bp && bp.type !== 'none' ? evalStr(bp, env) : undefined;
    apis.push({
      ...(spec !== undefined ? { spec } : tail !== undefined ? { spec: tail, specTail: true as const } : {}),
      ...(basePath !== undefined ? { basePath } : bp && bp.type !== 'none' ? { basePathText: bp.text } : {}),
      ...(specDir !== undefined ? { specDir } : specDirTail !== undefined ? { specDirTail } : {}),
      line: line(call),
    });
  }
  return apis.length ? { apis } : undefined;
}

/** The last literal part of a path built by `os.path.join(…, 'x')` or `Path(…) / 'x'`. */
function tailOf(n: Node): string | undefined {
  const lit = stringValue(n);
  if (lit !== undefined) return lit;
  if (n.type === 'binary_operator') return tailOf(n.childForFieldName('right')!);
  if (n.type === 'call') {
    const last = positionalArgs(n).at(-1);
    return last ? tailOf(last) : undefined;
  }
  return undefined;
}
