// Settings a Go service reads from an INI file with go-ini (`gopkg.in/ini.v1`): the defaults ship
// as a file of the repository the program loads first (gogs: `conf.Files.ReadFile("app.ini")`, an
// embedded `conf/app.ini`), and each section is mapped onto a package-level struct
// (`File.Section("auth").MapTo(&Auth)`), a field taking the key of its name in any of go-ini's
// spellings (`RequireSigninView` ← `REQUIRE_SIGNIN_VIEW`, `require_signin_view`). What a fresh
// install runs with is then that file's value: `conf.Auth.RequireSigninView` is `false`, so the
// middleware made with `SignInRequired: conf.Auth.RequireSigninView` refuses nobody. A file we
// cannot find, two different ones, or a key the file lacks leave the setting unknown, never guessed.
import type { GoNode as Node } from './goNode';
import { all, callArgs, stringValue } from '../treeUtil';

export interface IniFacts {
  /** `X.Section("auth").MapTo(&Auth)`: the section and the package-level variable it fills (`dir#Auth`). */
  maps?: { section: string; target: string }[];
  /** INI files a call loads by a literal name; the package its receiver names (`conf.Files.ReadFile`), by folder or, not placed, by import path. */
  files?: { name: string; dir?: string; pkg?: string }[];
}

const LOADS = /(?:^|\.)(?:ReadFile|Load|LoadSources|InsensitiveLoad|ShadowLoad|LooseLoad|Open)$/;

/** What a Go file says of INI-mapped settings; `importDir` gives an import alias's folder, `dir` is this file's. */
export function iniFacts(root: Node, dir: string, importDir: (alias: string) => string | undefined, importPath: (alias: string) => string | undefined): IniFacts | undefined {
  const maps: NonNullable<IniFacts['maps']> = [];
  const files: NonNullable<IniFacts['files']> = [];
  for (const call of all(root, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') continue;
    const name = fn.childForFieldName('field')?.text ?? '';
    const args = callArgs(call);
    if (name === 'MapTo' && args.length === 1) {
      const recv = fn.childForFieldName('operand');
      const sec = recv?.type === 'call_expression' && /\.Section$/.test(recv.childForFieldName('function')?.text ?? '') ? stringValue(callArgs(recv)[0]) : undefined;
      const target = args[0].type === 'unary_expression' && args[0].text.startsWith('&') ? varKey(args[0].namedChildren[0], dir, importDir) : undefined;
      if (sec !== undefined && target) maps.push({ section: sec, target });
      continue;
    }
    if (!LOADS.test(fn.text)) continue;
    for (const a of args) {
      const lit = stringValue(a);
      if (!lit || !/\.ini$/i.test(lit)) continue;
      // `conf.Files.ReadFile("app.ini")`: an embedded file of the package `conf` names; `Files.ReadFile(…)`: of this
      // package; `ini.Load("conf/app.ini")`: a library's, relative to where the program runs (the repository's root).
      const first = /^(\w+)/.exec(fn.childForFieldName('operand')?.text ?? '')?.[1] ?? '';
      const imported = importPath(first);
      const pkgDir = imported === undefined ? dir : importDir(first);
      // `ini.Load("conf/app.ini")` names a path the program opens; `lib.Files.ReadFile("x.ini")` a file embedded in that package.
      const pkg = imported !== undefined && pkgDir === undefined && /(?:^|\.)(?:ReadFile|Open)$/.test(fn.text) ? imported : undefined;
      files.push({ name: lit, ...(pkgDir !== undefined ? { dir: pkgDir } : {}), ...(pkg ? { pkg } : {}) });
    }
  }
  return maps.length || files.length ? { ...(maps.length ? { maps } : {}), ...(files.length ? { files } : {}) } : undefined;
}

function varKey(n: Node | null, dir: string, importDir: (alias: string) => string | undefined): string | undefined {
  if (n?.type === 'identifier') return `${dir}#${n.text}`;
  if (n?.type !== 'selector_expression') return undefined;
  const pkg = n.childForFieldName('operand');
  const d = pkg?.type === 'identifier' ? importDir(pkg.text) : undefined;
  return d !== undefined ? `${d}#${n.childForFieldName('field')!.text}` : undefined;
}

/** go-ini's name mappers all come to this: case and underscores aside. */
export const iniName = (s: string): string => s.replace(/_/g, '').toLowerCase();

/** Sections → keys (by iniName) → values of an INI text; a quoted value loses its quotes. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let section = new Map<string, string>();
  out.set('', section);
  for (const raw of text.split(/\r?\n/)) {
    const l = raw.trim();
    if (!l || l.startsWith(';') || l.startsWith('#')) continue;
    const sec = /^\[([^\]]*)\]$/.exec(l);
    if (sec) {
      const name = sec[1].trim().toLowerCase();
      section = out.get(name) ?? new Map();
      out.set(name, section);
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(l);
    if (!kv) continue;
    section.set(iniName(kv[1]), kv[2].replace(/^"(.*)"$|^'(.*)'$|^`(.*)`$/, '$1$2$3'));
  }
  return out;
}

/**
 * The fresh-install value of each INI-mapped field, `dir#Var.<iniName(Field)>` → value, from the INI
 * file the program loads: in the folder of the package its loading call names (by that package's
 * folder, or its import path under the module go.mod declares, when the package holds no Go file we
 * map: an `embed.go` left out), else relative to the repository's root. Loads of different files
 * that we find: none is taken.
 */
export async function iniDefaults(facts: (IniFacts | undefined)[], read: (rel: string) => Promise<string | undefined>, stamp?: (file: string, text: string) => void): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const maps = facts.flatMap((f) => f?.maps ?? []);
  const loads = facts.flatMap((x) => x?.files ?? []);
  if (!maps.length || !loads.length) return out;
  const module = loads.some((f) => f.pkg) ? /^\s*module\s+(\S+)/m.exec((await read('go.mod')) ?? '')?.[1] : undefined;
  const found = new Map<string, string>();
  for (const f of loads) {
    const pkgDir = f.dir ?? (module && f.pkg?.startsWith(`${module}/`) ? f.pkg.slice(module.length + 1) : undefined);
    // A file embedded in a package outside this module is not in the repository.
    if (f.pkg && pkgDir === undefined) continue;
    for (const p of pkgDir !== undefined ? [`${pkgDir ? `${pkgDir}/` : ''}${f.name}`] : [f.name]) {
      const text = found.has(p) ? found.get(p) : await read(p);
      if (text !== undefined) found.set(p, text);
    }
  }
  if (found.size !== 1) return out;
  const [file, text] = [...found][0];
  stamp?.(file, text);
  const ini = parseIni(text);
  for (const m of maps) {
    for (const [k, v] of ini.get(m.section.toLowerCase()) ?? []) out.set(`${m.target}.${k}`, v);
  }
  return out;
}
