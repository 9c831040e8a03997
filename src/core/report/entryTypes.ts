// The report's routes: each entry point with its guards and the evidence for them, as the JSON
// report carries them (part of the "deepdive-report/1" contract in types.ts, which re-exports
// these). Separate from the rest of the report's data: the route table is its own section.
import type { GuardState } from '../entry/types';
import type { CodeLink } from './types';

export interface ReportGuard {
  name: string;
  kind: 'authentication' | 'authorization' | 'other';
  optional?: boolean;
  file: string;
  line: number;
  /** A readable name: the guard as written, or `inline check (file:line)` for a function written in place. */
  label?: string;
  /** Why the analyser believes it applies. */
  reason?: string;
  /** Where its code refuses a request, when seen. */
  evidence?: { how: string; text: string; code: CodeLink };
}

export interface ReportEntry {
  id: string;
  kind: string;
  method: string;
  path: string;
  handler: string;
  file: string;
  line: number;
  module?: string;
  guards: ReportGuard[];
  /** No required authentication or authorization guard was found. */
  unguarded: boolean;
  framework?: string;
  web?: string;
  /** From the analyser (src/core/entry/guardState.ts): guarded, optional, unguarded, unknown. */
  guardState?: GuardState;
  guardReason?: string;
  /** An unguarded or optional route that looks public on purpose: the evidence. */
  publicOnPurpose?: string;
  /** The path or a mount prefix is not a static string: the expression. */
  dynamic?: string;
  /** The path holds a configurable value, evaluated with its default: the setting, the default and where it is declared. */
  pathDependsOn?: string;
  /** What the handler column shows: the handler's name, else its file:line, else the route itself (never `<inline>`). */
  handlerShown?: string;
  handlerCode?: CodeLink;
  /** The leader's notes on this route (registration or handler). */
  notes?: string[];
}
