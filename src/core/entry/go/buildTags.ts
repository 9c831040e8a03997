// A Go file whose build constraint needs a tag nobody sets by default (`//go:build agentcompat &&
// linux`, `// +build debugroutes`) is not compiled by `go build`: its routes do not exist in the
// program the service ships, and the file beside it under the negated constraint (`//go:build
// !agentcompat`) holds the function the default build calls. Custom tags are false, as `go build`
// without -tags has them (but for wire's `wireinject` templates, read for their declared results); the platform's own tags (GOOS, GOARCH, unix, cgo) may be either, since
// the service may be built for any platform, so a file is dropped only when its constraint is
// false whatever the platform. `go1.N` tags hold (the toolchain is recent).
import type { GoNode as Node } from './goNode';

const PLATFORM = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos', 'unix',
  '386', 'amd64', 'amd64p32', 'arm', 'arm64', 'arm64be', 'armbe', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
  'cgo', 'gc', 'gccgo', 'boringcrypto', 'goexperiment',
]);

/** Three-valued: true, false, or depends on the platform. */
type Tri = boolean | undefined;

/** Tags of code generators' templates (wire's injectors), which the detectors read for their declared results. */
const TEMPLATES = new Set(['wireinject']);

function tag(name: string): Tri {
  if (/^go1(\.\d+)?$/.test(name)) return true;
  if (TEMPLATES.has(name)) return undefined;
  if (PLATFORM.has(name) || name.startsWith('goexperiment.')) return undefined;
  return false;
}

const not = (a: Tri): Tri => (a === undefined ? undefined : !a);
const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === true && b === true ? true : undefined);
const or = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === false && b === false ? false : undefined);

/** `a && !(b || c)` as `//go:build` writes it; undefined when it cannot be read. */
export function evalGoBuild(expr: string): Tri | 'unread' {
  const toks = expr.match(/&&|\|\||!|\(|\)|[\w.]+/g) ?? [];
  if (toks.join('').replace(/\s/g, '') !== expr.replace(/\s/g, '')) return 'unread';
  let i = 0;
  let bad = false;
  const primary = (): Tri => {
    const t = toks[i++];
    if (t === '!') return not(primary());
    if (t === '(') {
      const v = orExpr();
      if (toks[i++] !== ')') bad = true;
      return v;
    }
    if (!t || !/^[\w.]+$/.test(t)) bad = true;
    return t ? tag(t) : undefined;
  };
  const andExpr = (): Tri => {
    let v = primary();
    while (toks[i] === '&&') {
      i++;
      v = and(v, primary());
    }
    return v;
  };
  const orExpr = (): Tri => {
    let v = andExpr();
    while (toks[i] === '||') {
      i++;
      v = or(v, andExpr());
    }
    return v;
  };
  const v = orExpr();
  return bad || i !== toks.length ? 'unread' : v;
}

/** `// +build a,!b c` lines: spaces are OR, commas AND, lines AND'ed. */
function evalPlusBuild(lines: string[]): Tri {
  let all: Tri = true;
  for (const l of lines) {
    let any: Tri = false;
    for (const opt of l.trim().split(/\s+/)) {
      let each: Tri = true;
      for (const t of opt.split(',')) each = and(each, t.startsWith('!') ? not(tag(t.slice(1))) : tag(t));
      any = or(any, each);
    }
    all = and(all, any);
  }
  return all;
}

/** The file's build constraint (the comments above its package clause) is false under the default build. */
export function excludedByBuildTags(root: Node): boolean {
  const plus: string[] = [];
  for (const k of root.namedChildren) {
    if (!k || k.type === 'package_clause') break;
    if (k.type !== 'comment') continue;
    const go = /^\/\/go:build\s+(.+)$/.exec(k.text.trim());
    // `//go:build` supersedes `// +build` when both are there (gofmt writes both).
    if (go) return evalGoBuild(go[1]) === false;
    const old = /^\/\/ ?\+build\s+(.+)$/.exec(k.text.trim());
    if (old) plus.push(old[1]);
  }
  return plus.length > 0 && evalPlusBuild(plus) === false;
}
