// A Spring interceptor built on a template of the service's own: an abstract base implements
// HandlerInterceptor, its preHandle does the common part and ends `return preHandleInternal(request,
// response, handler)`, and the class registered overrides only that method (tolgee's
// AbstractAuthorizationInterceptor and its five subclasses). What the registered class does is the
// base's preHandle with the template call replaced by the override's body: a `return m(…)` returns
// what m returns, so the override's returns are preHandle's own. Any other use of the template
// method (its result tested or stored) is not read, so the routes the class takes stay `unknown`;
// a base that is not the service's own code leaves the class unread as before.
import { closeOf, closingAt } from './javaBrackets';

export interface ClassSource {
  file: string;
  text: string;
}

export interface ComposedPreHandle {
  /** The class texts helper calls resolve in: the subclass's first, then its bases'. */
  text: string;
  /** `preHandle(…) { … }` of the base, the template calls inlined. */
  body: string;
  /** Where an offset of `body` is in the sources. */
  at: (offset: number) => { file: string; line: number };
}

/** The class's direct superclass: Java `extends Base`, Kotlin `: Base(…)` (interfaces have no call). */
export function superclassOf(text: string, cls: string): string | undefined {
  const decl = new RegExp(`\\bclass\\s+${cls}\\b`).exec(text);
  if (!decl) return undefined;
  let at = decl.index + decl[0].length;
  const java = /^\s*(?:<[^>{]*>)?\s*extends\s+(?:[\w]+\.)*(\w+)/.exec(text.slice(at));
  if (java) return java[1];
  // Kotlin: `class X<T> @Inject constructor(…) : Base(…)`.
  const head = /^\s*(?:<[^>{]*>)?\s*(?:(?:@\w+\s*)*(?:private|public|internal|protected)?\s*constructor\s*)?/.exec(text.slice(at))!;
  at += head[0].length;
  if (text[at] === '(') {
    const close = closingAt(text, at + 1);
    if (close < 0) return undefined;
    at = close + 1;
  }
  return /^\s*:\s*(?:\w+\.)*(\w+)\s*(?:<[^>{]*>)?\s*\(/.exec(text.slice(at))?.[1];
}

/**
 * The preHandle a subclass of the service's own interceptor base runs, or `{ unread }` when the
 * base calls the overridden template method other than as `return m(…)`; undefined when `cls`
 * extends no base of the service's own that declares preHandle (up to three levels).
 */
export async function composedPreHandle(cls: string, own: ClassSource, findClass: (name: string) => Promise<ClassSource | undefined>, isInterceptor: (src: ClassSource, name: string) => boolean): Promise<ComposedPreHandle | { unread: string } | undefined> {
  const chain: { name: string; src: ClassSource }[] = [{ name: cls, src: own }];
  for (let i = 0; i < 3; i++) {
    const last = chain[chain.length - 1]!;
    const base = superclassOf(last.src.text, last.name);
    const src = base ? await findClass(base) : undefined;
    if (!base || !src) return undefined;
    chain.push({ name: base, src });
    const pre = methodBody(src.text, 'preHandle');
    if (!pre) continue;
    if (!isInterceptor(src, base)) return undefined;
    return inline(chain, pre);
  }
  return undefined;
}

function inline(chain: { name: string; src: ClassSource }[], pre: { start: number; end: number }): ComposedPreHandle | { unread: string } {
  const base = chain[chain.length - 1]!;
  const body = base.src.text.slice(pre.start, pre.end);
  // Pieces of the composed body: [text, file, offset of the text in its file].
  const pieces: [string, string, number][] = [];
  let from = 0;
  for (const m of [...body.matchAll(/(?<![.\w])(?:this\s*\.\s*)?(\w+)\s*\(/g)]) {
    if (m.index < from || m[1] === 'preHandle' || KEYWORD.test(m[1]!)) continue;
    // The override of the most derived class below the base that declares it.
    const def = chain.slice(0, -1).map((c) => ({ c, b: methodBody(c.src.text, m[1]!) })).find((x) => x.b);
    if (!def) {
      // An abstract method whose override was not found (a Kotlin `= expr` body, a deeper class).
      if (new RegExp(`\\babstract\\s+(?:[\\w<>\\[\\],.?]+\\s+)*(?:fun\\s+)?${m[1]}\\s*\\(`).test(base.src.text)) return { unread: `the override of ${base.name}.${m[1]} was not read` };
      continue;
    }
    const ret = /return\s+$/.exec(body.slice(0, m.index));
    const close = closingAt(body, m.index + m[0].length);
    if (!ret || close < 0 || !/^\s*(?:;|\n|\})/.test(body.slice(close + 1))) {
      return { unread: `${base.name}.preHandle (${base.src.file}) uses the result of ${def.c.name}.${m[1]} other than by returning it` };
    }
    const open = def.b!.open;
    pieces.push([body.slice(from, ret.index), base.src.file, pre.start + from]);
    pieces.push([def.c.src.text.slice(open + 1, def.b!.end - 1), def.c.src.file, open + 1]);
    from = close + 1;
  }
  pieces.push([body.slice(from), base.src.file, pre.start + from]);
  const texts = new Map(chain.map((c) => [c.src.file, c.src.text]));
  return {
    text: chain.map((c) => c.src.text).join('\n'),
    body: pieces.map((p) => p[0]).join(''),
    at: (offset) => {
      let o = offset;
      for (const [t, file, start] of pieces) {
        if (o < t.length) return { file, line: texts.get(file)!.slice(0, start + o).split('\n').length };
        o -= t.length;
      }
      return { file: base.src.file, line: 1 };
    },
  };
}

/** A method with a body declared in the text: from its name to its closing brace. */
const KEYWORD = /^(?:if|for|while|when|switch|catch|return|super|this|synchronized|throw|new)$/;

function methodBody(text: string, name: string): { start: number; open: number; end: number } | undefined {
  if (KEYWORD.test(name)) return undefined;
  const re = new RegExp(`\\bfun\\s+${name}\\s*\\(|\\b[\\w<>\\[\\],.?]+\\s+${name}\\s*\\(`, 'g');
  for (const m of text.matchAll(re)) {
    if (/\babstract\b[^;{}]*$/.test(text.slice(Math.max(0, m.index - 80), m.index))) continue;
    const params = closingAt(text, m.index + m[0].length);
    if (params < 0) continue;
    const after = /^\s*(?::\s*[\w.<>?, ]+)?\s*(?:throws\s+[\w.,\s]+)?\{/.exec(text.slice(params + 1));
    if (!after) continue;
    const open = params + after[0].length;
    return { start: m.index + m[0].lastIndexOf(name), open, end: closeOf(text, open) };
  }
  return undefined;
}
