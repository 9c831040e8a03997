// Pieces of the Django linker that need no urlconf state: DRF router names, DRF permission classes
// as guards, and the regular expression of an include chain.
import type { Guard } from '../types';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** DRF's routers and drf-nested-routers / drf-extensions ones, by class name. */
export const DRF_ROUTER = /^(DefaultRouter|SimpleRouter|ExtendedDefaultRouter|ExtendedSimpleRouter|NestedSimpleRouter|NestedDefaultRouter)$/;

/** Joins the regexes of an include chain the way Django matches them (each part on the rest of the path). */
export function joinPattern(outer: string | undefined, e: { regex?: string; prefix: string }): string | undefined {
  if (!outer && !e.regex) return undefined;
  const part = e.regex ?? e.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<(?:\w+:)?(\w+)>/g, '(?P<$1>[^/]+)');
  return `${(outer ?? '^').replace(/\$$/, '')}${part.replace(/^\^/, '')}`;
}

/**
 * DRF permission classes as guards: `AllowAny` guards nothing; `...OrReadOnly` lets safe methods through;
 * `letsIn(name)`: a class of the repository whose has_permission returns True for this route whoever calls.
 */
export function permissionGuards(text: string, file: string, ln: number, via: string, method: string, letsIn?: (name: string) => boolean): Guard[] {
  const names = text.replace(/['"]/g, ' ').split(/[\s,()[\]&|~]+/).map((s) => s.split('.').pop()!).filter((s) => /^[A-Z]\w*$/.test(s));
  const out: Guard[] = [];
  for (const n of names) {
    if (n === 'AllowAny' || letsIn?.(n)) continue;
    const readOnly = /ReadOnly|AnonReadOnly/.test(n);
    const kind = /^IsAuthenticated/.test(n) ? 'authentication' : 'authorization';
    const g: Guard = { name: n, kind, reason: `${via} (DRF permission class)`, file, line: ln };
    if (readOnly && (SAFE.has(method) || method === 'ANY')) g.optional = true;
    out.push(g);
  }
  return out;
}

/** django.contrib.auth views whose dispatch Django wraps in @method_decorator(login_required). */
export const LOGIN_REQUIRED_VIEWS = /^(PasswordChangeView|PasswordChangeDoneView)$/;
