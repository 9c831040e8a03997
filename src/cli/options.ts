import type { CliContext } from './types';

/** A string option's value, or undefined when absent (parseArgs gives booleans for flags). */
export function stringOption(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable option's values (`--scope A --scope B`), empty when absent. */
export function listOption(ctx: CliContext, name: string): string[] {
  const v = ctx.values[name];
  if (v === undefined || typeof v === 'boolean') return [];
  return Array.isArray(v) ? v : [v];
}
