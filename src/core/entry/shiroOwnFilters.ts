// Shiro filters of the service's own in a filter chain, judged by their code once every file is known:
//   Map<String, Filter> filters = new LinkedHashMap<>();
//   filters.put("statelessAuth", new StatelessAuthFilter());      // the configuration that builds the chains
//   factoryBean.setFilters(filters);
//   chains.put("/**", "statelessAuth");
//   public class StatelessAuthFilter extends AccessControlFilter {
//     protected boolean isAccessAllowed(…) { return false; }
//     protected boolean onAccessDenied(…) { if (StringUtils.isBlank(token)) { unionFailResponse(res); return false; } … subject.login(token); … }
//   }
// Shiro runs isAccessAllowed first and, when it answers false, onAccessDenied, whose `false` stops
// the request. A filter of Shiro's access-control family is a sign-in check when isAccessAllowed lets
// nobody through by itself (it answers `false`, only an OPTIONS preflight, or the subject's
// authentication) and onAccessDenied refuses a caller who brings no credential (a `return false`
// no credential test gates: credentialGatedRefusals.ts). A filter that answers `true` for anyone
// (the JWT tutorials' "no token: let it through, annotations decide") or that we cannot place in the
// family keeps its rule `shiro(name)`, and the route stays `unknown`.
import type { SecurityRule } from './springSecurity';
import { closeOf } from './javaBrackets';
import { everyRefusalNeedsCredential } from './credentialGatedRefusals';

/** Shiro's access-control filters: the base a filter of ours extends. */
const ACCESS_CONTROL = new Set(['AccessControlFilter', 'AuthenticationFilter', 'AuthenticatingFilter', 'FormAuthenticationFilter', 'BasicHttpAuthenticationFilter', 'BearerHttpAuthenticationFilter', 'HttpAuthenticationFilter', 'UserFilter']);
/** Bases whose own onAccessDenied refuses (redirects to the login page, or answers 401 asking for credentials). */
const REFUSING_BASES = new Set(['FormAuthenticationFilter', 'BasicHttpAuthenticationFilter', 'BearerHttpAuthenticationFilter', 'HttpAuthenticationFilter', 'UserFilter']);
/** What isAccessAllowed may answer and still let no anonymous caller through. */
const NOBODY = /^(false|[^!]*\bOPTIONS\b[^!]*|[^!]*\bisAuthenticated\s*\(\s*\)|super\s*\.\s*isAccessAllowed\s*\([^;]*\))$/s;
const REFUSAL = /\breturn\s+false\s*;/;

/** `put("name", new Cls(…))` in a file that hands its filters to Shiro's factory: filter name → class. */
export function shiroFilterClasses(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!/\b(setFilters|getFilters)\s*\(/.test(text)) return out;
  for (const m of text.matchAll(/\.\s*put\s*\(\s*"([\w-]+)"\s*,\s*new\s+([A-Z]\w*)\s*\(/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** The body of the method `name` declared in `text` (after `cls`'s declaration), from its name to its closing brace. */
function methodBody(text: string, name: string): string | undefined {
  const m = new RegExp(`\\b(?:protected|public)\\s+boolean\\s+${name}\\s*\\(`).exec(text);
  if (!m) return undefined;
  const params = m.index + m[0].length - 1;
  const open = text.indexOf('{', closeOf(text, params));
  // From the name: credentialGatedRefusals.ts takes the body's first word for the method's own name.
  return open < 0 ? undefined : text.slice(m.index + m[0].lastIndexOf(name), closeOf(text, open));
}

/** Whether the Shiro filter class `cls` declared in `text` refuses a caller who brings no credential; undefined when that is not read. */
export function shiroFilterRefuses(text: string, cls: string): { line: number } | undefined {
  const decl = new RegExp(`\\bclass\\s+${cls}\\s+extends\\s+(?:[\\w.]+\\.)?(\\w+)`).exec(text);
  if (!decl || !ACCESS_CONTROL.has(decl[1]!)) return undefined;
  const own = text.slice(decl.index);
  const allowed = methodBody(own, 'isAccessAllowed');
  if (allowed) {
    const answers = [...allowed.matchAll(/\breturn\s+([^;]+);/g)].map((r) => r[1]!.trim());
    if (!answers.length || !answers.every((a) => NOBODY.test(a))) return undefined;
  } else if (decl[1] === 'AccessControlFilter') return undefined;
  const denied = methodBody(own, 'onAccessDenied');
  if (denied) {
    if (!REFUSAL.test(denied) || everyRefusalNeedsCredential(denied, REFUSAL, text)) return undefined;
  } else if (!REFUSING_BASES.has(decl[1]!)) return undefined;
  return { line: text.slice(0, decl.index).split('\n').length };
}

/**
 * Rules whose chain is made of filters of ours (`shiro(statelessAuth)`), each filter known by its
 * class (`ownFilters`): `authenticated` when one of them refuses callers without credentials, read
 * from its class's file. The others are kept as they are (copies: the per-file records are left alone).
 */
export async function resolveShiroOwnFilters(rules: SecurityRule[], javaFiles: string[], read: (rel: string) => Promise<string | undefined>): Promise<SecurityRule[]> {
  if (!rules.some((r) => r.ownFilters?.length)) return rules;
  const judged = new Map<string, { file: string; line: number } | undefined>();
  const judge = async (cls: string): Promise<{ file: string; line: number } | undefined> => {
    if (judged.has(cls)) return judged.get(cls);
    // One class of that name in the repository: two would leave which one the chain means unread.
    const files = javaFiles.filter((f) => f.endsWith(`/${cls}.java`) || f === `${cls}.java`);
    let out: { file: string; line: number } | undefined;
    if (files.length === 1) {
      const text = await read(files[0]!);
      const at = text ? shiroFilterRefuses(text, cls) : undefined;
      if (at) out = { file: files[0]!, line: at.line };
    }
    judged.set(cls, out);
    return out;
  };
  const out: SecurityRule[] = [];
  for (const r of rules) {
    if (!r.ownFilters?.length || !/^shiro\(/.test(r.rule)) {
      out.push(r);
      continue;
    }
    let refusing: { name: string; file: string; line: number } | undefined;
    for (const f of r.ownFilters) {
      const at = await judge(f.cls);
      if (at) {
        refusing = { name: f.cls, ...at };
        break;
      }
    }
    out.push(refusing ? { ...r, rule: 'authenticated', via: `${r.via ?? r.rule}: ${refusing.name} refuses a caller without credentials (${refusing.file}:${refusing.line})` } : r);
  }
  return out;
}
