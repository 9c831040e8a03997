// An interceptor that acts only on handlers carrying an annotation of its own:
//   val requiresFeatures = AnnotationUtils.getAnnotation(handler.method, RequiresFeatures::class.java)
//   if (requiresFeatures == null) return true          // Java: `A a = hm.getMethodAnnotation(A.class); if (a == null) return true;`
//   … refuses …
// Every handler without @A goes through before anything can refuse, so for those the interceptor is
// no guard (and no reason for `unknown`); for a handler with @A it is what follows the gate: a guard
// when that refuses, else unread. Gates read: `x == null` of a variable holding an annotation read
// (`getAnnotation`, `getMethodAnnotation`, `findAnnotation`, `findMergedAnnotation`), Kotlin's
// `… ?: return true`, and `!hm.hasMethodAnnotation(A.class)`; joined by `&&` (a handler with any of
// them is taken) or `||` (only one with all of them). The gate must sit at the method's top level
// before any refusal; anything else is no gate and the interceptor keeps its reading.
import { closingAt } from './javaBrackets';
import { splitTop } from './springRuleConstants';

export interface AnnotationGate {
  annotations: string[];
  /** Handlers must carry every one of `annotations` to be taken (an `||` gate). */
  all: boolean;
  /** The annotations are read from the handler's class (`handler.beanType`), not its method. */
  onClass: boolean;
  /** Offset in the body where what follows the gate starts. */
  rest: number;
}

const GETS = /\b(?:getMethodAnnotation|getAnnotation|findAnnotation|findMergedAnnotation)\s*\(\s*(?:([\w.()]+)\s*,\s*)?(\w+)(?:::class\.java|\.class)\s*\)/;
const HAS = /^!\s*[\w.()]*?\b(?:hasMethodAnnotation|isAnnotationPresent|hasAnnotation)\s*\(\s*(?:([\w.()]+)\s*,\s*)?(\w+)(?:::class\.java|\.class)\s*\)$/;
const ON_CLASS = /beanType|declaringClass|javaClass|getClass/i;
const RETURN_TRUE = /^\s*(?:\{\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*)?return\s+true\b;?\s*\}?/;

/** The annotation gate of a preHandle body (from its name to its closing brace), if it opens with one. */
export function annotationGate(body: string, refusal: RegExp): AnnotationGate | undefined {
  const open = body.indexOf('{');
  if (open < 0) return undefined;
  const vars = new Map<string, { ann: string; onClass: boolean }>();
  for (const m of body.matchAll(/(?:\b(?:val|var)\s+(\w+)(?:\s*:\s*[\w.?<>]+)?|\b(?:final\s+)?[A-Z][\w.<>]*\s+(\w+))\s*=\s*([^;\n]*)/g)) {
    const g = GETS.exec(m[3]!);
    if (!g || depth(body, open, m.index) !== 1 || refusal.test(body.slice(0, m.index))) continue;
    const read = { ann: g[2]!, onClass: ON_CLASS.test(g[1] ?? m[3]!.slice(0, g.index)) };
    // Kotlin: `val a = getAnnotation(…) ?: return true`.
    const elvis = /\?:\s*return\s+true\b/.exec(m[3]!);
    if (elvis) return { annotations: [read.ann], all: false, onClass: read.onClass, rest: m.index + m[0].length };
    vars.set(m[1] ?? m[2]!, read);
  }
  for (const m of body.matchAll(/\bif\s*\(/g)) {
    if (depth(body, open, m.index) !== 1) continue;
    if (refusal.test(body.slice(0, m.index))) return undefined;
    const condEnd = closingAt(body, m.index + m[0].length);
    if (condEnd < 0) return undefined;
    const then = RETURN_TRUE.exec(body.slice(condEnd + 1));
    if (!then) continue;
    const cond = body.slice(m.index + m[0].length, condEnd);
    const or = splitTop(cond, '||');
    const and = splitTop(cond, '&&');
    if (or.length > 1 && and.length > 1) continue;
    const reads = (or.length > 1 ? or : and).map((a) => atomRead(a.trim(), vars));
    if (reads.some((r) => !r)) continue;
    return { annotations: reads.map((r) => r!.ann), all: or.length > 1, onClass: reads.some((r) => r!.onClass), rest: condEnd + 1 + then[0].length };
  }
  return undefined;
}

/** `a == null`, `null == a` of an annotation variable, or `!hm.hasMethodAnnotation(A.class)`. */
function atomRead(atom: string, vars: Map<string, { ann: string; onClass: boolean }>): { ann: string; onClass: boolean } | undefined {
  const a = atom.replace(/^\((.*)\)$/s, '$1').trim();
  const v = /^(\w+)\s*==\s*null$/.exec(a) ?? /^null\s*==\s*(\w+)$/.exec(a);
  if (v) return vars.get(v[1]!);
  const h = HAS.exec(a);
  return h ? { ann: h[2]!, onClass: ON_CLASS.test(h[1] ?? a) } : undefined;
}

/** Braces open at `at`, counting from the method's own. */
function depth(body: string, open: number, at: number): number {
  if (at < open) return 0;
  let d = 0;
  for (let i = open; i < at; i++) {
    if (body[i] === '{') d++;
    else if (body[i] === '}') d--;
  }
  return d;
}
