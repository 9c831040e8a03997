// The HTTP bindings a .proto file gives its rpcs (`option (google.api.http) = { get: "/v1/{name=memos/*}" }`),
// which grpc-gateway turns into REST routes and Connect serves beside `/pkg.Service/Method`. The
// .proto file is the source of truth: the generated `*.pb.gw.go` repeats it but is not always
// committed. Read as text: the grammar needed here (package, go_package, services, rpcs and the
// http option's fields) is small, and comments and strings are blanked before anything is matched.

/** One HTTP binding of an rpc: the method, the path template as written, and the line it is written on. */
export interface ProtoBinding {
  method: string;
  template: string;
  line: number;
}

export interface ProtoRpc {
  name: string;
  /** The request message's name (`GetMemoRequest`): the handler method takes it. */
  input: string;
  line: number;
  bindings: ProtoBinding[];
  /** `option idempotency_level = NO_SIDE_EFFECTS`: Connect answers GET too. */
  noSideEffects?: boolean;
}

export interface ProtoService {
  name: string;
  line: number;
  rpcs: ProtoRpc[];
}

export interface ProtoFile {
  file: string;
  /** `package memos.api.v1;` */
  pkg: string;
  /** The import path of `option go_package` (what comes before `;`). */
  goPackage?: string;
  services: ProtoService[];
}

const VERBS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Comments and string contents replaced by spaces (newlines kept), so offsets and lines stay those of the text. */
function blank(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === "'") {
      // The quotes stay, so a string is still seen where it is; only its contents are hidden.
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += c + text.slice(i + 1, j).replace(/[^\n]/g, ' ') + (j < text.length ? c : '');
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The offset just past the `}` that closes the `{` at `open`, in blanked text. */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return i + 1;
  }
  return src.length;
}

export function parseProto(file: string, text: string): ProtoFile {
  const src = blank(text);
  const lineAt = (off: number): number => text.slice(0, off).split('\n').length;
  const str = (off: number): string => {
    // The string literal starting at `off` (a quote in the blanked text), read from the real text.
    const q = text[off];
    const end = text.indexOf(q, off + 1);
    return end < 0 ? '' : text.slice(off + 1, end);
  };
  const pkg = /\bpackage\s+([\w.]+)\s*;/.exec(src)?.[1] ?? '';
  const gp = /\boption\s+go_package\s*=\s*"/.exec(src);
  const goPackage = gp ? str(gp.index + gp[0].length - 1).split(';')[0] : undefined;
  const services: ProtoService[] = [];
  for (const m of src.matchAll(/\bservice\s+(\w+)\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const end = closing(src, open);
    const rpcs: ProtoRpc[] = [];
    const body = /\brpc\s+(\w+)\s*\(\s*(?:stream\s+)?([\w.]+)\s*\)\s*returns\s*\(\s*(?:stream\s+)?[\w.]+\s*\)\s*(\{|;)/g;
    body.lastIndex = open;
    for (let r = body.exec(src); r && r.index < end; r = body.exec(src)) {
      const input = r[2].split('.').pop()!;
      const bindings: ProtoBinding[] = [];
      let noSideEffects = false;
      if (r[3] === '{') {
        const rOpen = r.index + r[0].length - 1;
        const rEnd = closing(src, rOpen);
        noSideEffects = /\boption\s+idempotency_level\s*=\s*NO_SIDE_EFFECTS\b/.test(src.slice(rOpen, rEnd));
        const opt = /\boption\s*\(\s*google\.api\.http\s*\)\s*=\s*\{/g;
        opt.lastIndex = rOpen;
        const o = opt.exec(src);
        if (o && o.index < rEnd) {
          const oOpen = o.index + o[0].length - 1;
          bindings.push(...bindingsIn(src, oOpen + 1, closing(src, oOpen) - 1, str, lineAt));
        }
        body.lastIndex = rEnd;
      }
      rpcs.push({ name: r[1], input, line: lineAt(r.index), bindings, ...(noSideEffects ? { noSideEffects } : {}) });
    }
    services.push({ name: m[1], line: lineAt(m.index), rpcs });
  }
  return { file, pkg, ...(goPackage ? { goPackage } : {}), services };
}

/**
 * The bindings of one http option body: `get: "…"` (and the other verbs), `custom: { kind: "HEAD",
 * path: "…" }`, and each `additional_bindings { … }` (read the same way, nested ones included).
 */
function bindingsIn(src: string, from: number, to: number, str: (off: number) => string, lineAt: (off: number) => number): ProtoBinding[] {
  const out: ProtoBinding[] = [];
  const field = /\b(\w+)\s*:?\s*(\{|")/g;
  field.lastIndex = from;
  for (let f = field.exec(src); f && f.index < to; f = field.exec(src)) {
    const name = f[1];
    const at = f.index + f[0].length - 1;
    if (f[2] === '{') {
      const end = closing(src, at);
      if (name === 'additional_bindings') out.push(...bindingsIn(src, at + 1, end - 1, str, lineAt));
      else if (name === 'custom') {
        const kind = /\bkind\s*:\s*"/.exec(src.slice(at, end));
        const path = /\bpath\s*:\s*"/.exec(src.slice(at, end));
        if (kind && path) out.push({ method: str(at + kind.index + kind[0].length - 1).toUpperCase(), template: str(at + path.index + path[0].length - 1), line: lineAt(at + path.index) });
      }
      field.lastIndex = end;
    } else {
      if (VERBS.has(name)) out.push({ method: name.toUpperCase(), template: str(at), line: lineAt(f.index) });
      field.lastIndex = src.indexOf('"', at + 1) + 1 || to;
    }
  }
  return out;
}

function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|us)$/.test(word)) return word;
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * A path template as a route path. `{name=memos/*}` matches `memos/<one segment>`: written
 * `memos/:memo` (the segment named after its collection); `{name}` is `:name`; `**` is the rest of
 * the path (`*`). A custom verb (`:batchGet`) stays as written: it is part of what is matched.
 */
export function templatePath(template: string): string {
  const field = (name: string, pattern: string | undefined): string => {
    const leaf = name.split('.').pop()!;
    if (pattern === undefined) return `:${leaf}`;
    const segs = pattern.split('/');
    return segs.map((s, i) => (s === '**' ? '*' : s === '*' ? `:${i > 0 ? singular(segs[i - 1]).replace(/\W/g, '') || leaf : leaf}` : s)).join('/');
  };
  return template.replace(/\{([\w.]+)(?:=([^}]*))?\}/g, (_m, name: string, pattern: string | undefined) => field(name, pattern));
}
