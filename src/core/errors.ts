/**
 * An error the user caused or can fix (bad input, a broken file). Its message is one line that
 * names the place; the CLI prints it and exits non-zero, the extension shows it. Anything else
 * that is thrown is a bug.
 */
export class DeepDiveError extends Error {
  constructor(
    message: string,
    /** Where: a file, file:line:col, or a JSON path inside a file. */
    readonly place?: string,
  ) {
    super(place ? `${place}: ${message}` : message);
    this.name = 'DeepDiveError';
  }
}

/**
 * By name as well as by class: the CLI's commands are bundles of their own (scripts/build.mjs),
 * each with its own copy of this class, and the front that prints their errors has another.
 */
export function isDeepDiveError(err: unknown): err is DeepDiveError {
  return err instanceof DeepDiveError || (err instanceof Error && err.name === 'DeepDiveError');
}
