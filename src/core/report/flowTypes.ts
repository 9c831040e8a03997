// The report's flows: the ones the deep dive traced (steps anchored to code, visited or not) and
// the ones the analyser suggests for routes without one (part of the "deepdive-report/1" contract
// in types.ts, which re-exports these). Separate: flows are their own section of the report.
import type { FlowStatus } from '../model/types';
import type { AnchorState, CodeLink } from './types';

export interface ReportStep {
  id: string;
  title?: string;
  code: CodeLink;
  anchor: AnchorState;
  visited: boolean;
  /** Ids of the code notes inside this step's lines (each note under one step only: the tightest). */
  notes: string[];
}

export interface ReportFlow {
  id: string;
  title: string;
  status: FlowStatus;
  entry?: string;
  steps: ReportStep[];
  /** Ids of every note about the flow: on the flow, linked to it, or inside one of its steps. */
  notes: string[];
}

/** One place on a suggested flow (see ReportSuggestedFlow). */
export interface ReportSuggestedStep {
  /** `guard` (the route's authentication or authorization check, first), `handler` (where the route's code starts), `call` (code of the repository), `store` / `external` (data and other systems), `unresolved`. */
  kind: 'guard' | 'handler' | 'call' | 'store' | 'external' | 'unresolved';
  /** Enclosing symbol of the step (for store, external and unresolved steps: the caller). */
  symbol: string;
  /** The call as written, for calls and terminal steps. */
  callee?: string;
  /** The package a store or external call goes to, when known. */
  package?: string;
  /** Distance from the handler (0 for the handler and the guards). */
  depth: number;
  /** Reached this many more times later in the flow, listed once. */
  repeats?: number;
  code: CodeLink;
}

/**
 * A flow the analyser suggests from an entry point the deep dive has no flow for yet: the
 * engineering appendix lists it "suggested, not yet traced" for the top routes.
 */
export interface ReportSuggestedFlow {
  /** Id of the entry point (route) it starts at. */
  entry: string;
  title: string;
  /** Always true: nobody has traced this flow yet. */
  suggested: true;
  unguarded: boolean;
  steps: ReportSuggestedStep[];
  /** Steps after the first SUGGESTED_STEP_LIMIT, left out of `steps`. */
  moreSteps: number;
  /** Calls to built-ins and utility libraries, not listed. */
  omittedCalls: number;
  /** Calls the analysis could not follow to code, a store or another system: counted, never listed as steps. */
  unresolvedCalls?: number;
  /** The analyser stopped at its depth or step limit somewhere. */
  truncated?: boolean;
}
