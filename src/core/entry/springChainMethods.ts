// A SecurityFilterChain bean whose rules are written in helper methods of the same class:
//   public SecurityFilterChain filterChain(HttpSecurity http) { return buildFilterChain(http); }
//   protected void configureAuthorization(HttpSecurity http) { http.authorizeHttpRequests(auth -> configureRules(auth)); }
//   protected void configureRules(…Registry auth) { configurePublic(auth); configureProtected(auth); }
// (a base configuration written to be overridden by a subclass). The rules are those of the
// bodies the chain calls, in the order it calls them: the chain's text is read as a list of
// segments, a helper's body taking the place of its call. Only calls made as statements (after
// `;`, `{`, `}`, `->` or `return`) are followed, so a call inside a matcher's arguments
// (`requestMatchers(paths())`) stays part of the rule that holds it.
import { closeOf } from './javaBrackets';

export interface Segment {
  start: number;
  end: number;
}

const NOT_METHODS = new Set(['if', 'for', 'while', 'switch', 'catch', 'synchronized', 'try', 'return', 'new', 'else', 'do', 'super', 'this']);

/** Method name → body (`{` … `}`) of the methods declared in a Java text; a name declared twice is left out (which one runs is not told). */
export function localMethods(text: string): Map<string, Segment> {
  const out = new Map<string, Segment>();
  const twice = new Set<string>();
  for (const m of text.matchAll(/\b(\w+)\s*\(/g)) {
    const name = m[1]!;
    if (NOT_METHODS.has(name)) continue;
    // A declaration: a type before the name (`void`, `SecurityFilterChain`, `List<String>`, `String[]`), not `new` or a dot.
    const before = text.slice(Math.max(0, m.index! - 200), m.index!);
    if (!/[\w>\]]\s+$/.test(before) || /(?:->|\bnew|\breturn|\bthrow|\belse|\bcase)\s+$/.test(before)) continue;
    const open = m.index! + m[0].length - 1;
    const close = closeOf(text, open);
    const rest = /^\s*(?:throws\s+[\w.,\s]+?)?\s*\{/.exec(text.slice(close));
    if (!rest) continue;
    const bodyOpen = close + rest[0].length - 1;
    if (out.has(name)) twice.add(name);
    out.set(name, { start: bodyOpen, end: closeOf(text, bodyOpen) });
  }
  for (const n of twice) out.delete(n);
  return out;
}

/**
 * The segments of text a chain body's rules are read from, in order: the body itself, with each
 * statement-level call of a local method replaced by that method's segments (depth-first, each
 * method once on a path, at most four deep).
 */
export function chainSegments(text: string, body: Segment, methods: Map<string, Segment>, path: string[] = []): Segment[] {
  const out: Segment[] = [];
  let from = body.start;
  const slice = text.slice(body.start, body.end);
  for (const m of slice.matchAll(/(?:\bthis\s*\.\s*)?\b(\w+)\s*\(/g)) {
    const at = body.start + m.index!;
    if (at < from) continue;
    const callee = methods.get(m[1]!);
    if (!callee || path.includes(m[1]!) || path.length >= 4 || (callee.start <= body.start && callee.end >= body.end)) continue;
    if (!/(?:[;{}]|->|\breturn)\s*$/.test(text.slice(Math.max(0, at - 40), at))) continue;
    out.push({ start: from, end: at });
    out.push(...chainSegments(text, callee, methods, [...path, m[1]!]));
    from = closeOf(text, at + m[0].length - 1);
  }
  out.push({ start: from, end: body.end });
  return out.filter((s) => s.end > s.start);
}
