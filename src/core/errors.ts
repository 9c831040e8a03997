/**
 * An error the user caused or can fix (bad input, a broken file). Its message is one line that
 * names the place; the CLI prints it and exits non-zero, the extension shows it. Anything else
 * that is thrown is a bug.
 */
/** Set on every DeepDiveError, subclasses included; Symbol.for is the same in every bundle. */
const BRAND = Symbol.for('deepdive.DeepDiveError');

export class DeepDiveError extends Error {
  constructor(
    message: string,
    /** Where: a file, file:line:col, or a JSON path inside a file. */
    readonly place?: string,
  ) {
    super(place ? `${place}: ${message}` : message);
    this.name = 'DeepDiveError';
    // Not enumerable: an error compared or logged field by field looks as it did.
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * By a brand as well as by class: the CLI's commands are bundles of their own (scripts/build.mjs),
 * each with its own copy of this class (and of its subclasses, such as DiveFileError, whose name
 * differs), and the front that prints their errors has another.
 */
export function isDeepDiveError(err: unknown): err is DeepDiveError {
  return err instanceof DeepDiveError || (err instanceof Error && (err as unknown as Record<symbol, unknown>)[BRAND] === true);
}
