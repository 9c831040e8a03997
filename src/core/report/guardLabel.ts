// How a guard or handler is named where a person reads it: the name as written when it is a
// name (`requireAuth`, `requireRole('admin')`), never a function's source pasted into a table
// cell. A long call keeps its callee and elides its arguments; code written in place becomes
// "inline check (file:line)".
import type { Guard } from '../entry/types';

const MAX = 40;

function looksLikeCode(text: string): boolean {
  return /=>|\bfunction\b|[;\n]|\breturn\b/.test(text);
}

/** A readable label for a guard as the analyser reported it. */
export function guardLabel(g: Pick<Guard, 'name' | 'file' | 'line'>): string {
  const name = g.name.replace(/\s+/g, ' ').trim();
  if (!name || looksLikeCode(name)) return `inline check (${g.file}:${g.line})`;
  if (name.length <= MAX) return name;
  const callee = /^([\w$.@]+)\s*\(/.exec(name)?.[1];
  if (callee && callee.length < MAX - 5) return `${callee}(…)`;
  return `${name.slice(0, MAX - 1).replace(/[\s,.(]+$/, '')}…`;
}

/** A handler name worth showing, or undefined for `<inline>`, code and other non-names. */
export function handlerName(handler: string): string | undefined {
  const h = handler.replace(/\s+/g, ' ').trim();
  if (!h || /^<.*>$/.test(h) || looksLikeCode(h) || h.length > 60) return undefined;
  return h;
}
