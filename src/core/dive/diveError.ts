import { DeepDiveError } from '../errors';
import type { TextPosition } from './jsonLocate';

/**
 * A deep-dive file that cannot be used as it is: unreadable, not JSON, invalid, from a newer
 * Deep Dive, or changed in a way that cannot be saved over. One line: file, place, reason.
 */
export class DiveFileError extends DeepDiveError {
  constructor(
    /** Root-relative path of the file, e.g. ".deepdive/auth.json". */
    readonly file: string,
    readonly reason: string,
    readonly jsonPath?: string,
    readonly position?: TextPosition,
    /** Root-relative path of the backup copy kept of the broken file, when one was made. */
    public backup?: string,
  ) {
    super(reason, placeOf(file, jsonPath, position));
    this.name = 'DiveFileError';
  }
}

function placeOf(file: string, jsonPath?: string, position?: TextPosition): string {
  let place = file;
  if (position) place += `:${position.line}:${position.column}`;
  if (jsonPath && jsonPath !== '$') place += ` at ${jsonPath}`;
  return place;
}

export function isDiveFileError(err: unknown): err is DiveFileError {
  return err instanceof DiveFileError;
}
