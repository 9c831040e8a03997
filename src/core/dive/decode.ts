// Bytes of a deep-dive file → a validated, migrated model, or a DiveFileError naming the place.
import type { DeepDive } from '../model/types';
import { DiveFileError } from './diveError';
import { JsonSyntaxError, parseJsonLocated } from './jsonLocate';
import { migrateRaw } from './migrate';
import { validateDive } from './validate';

export interface Decoded {
  dive: DeepDive;
  /** The schema id the file had when it was migrated on load (older major or newer minor). */
  migratedFrom?: string;
}

/** @param file root-relative name used in messages; @param expectedId the id the file name implies. */
export function decodeDive(text: string, file: string, expectedId?: string): Decoded {
  let located;
  try {
    located = parseJsonLocated(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new DiveFileError(file, `not valid JSON: ${err.message}`, undefined, err.position);
    throw err;
  }
  const raw = located.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DiveFileError(file, 'must be a JSON object', '$', located.locate('$'));
  }
  const migrated = migrateRaw(raw as Record<string, unknown>);
  if (!migrated.ok) throw new DiveFileError(file, migrated.message, migrated.path, located.locate(migrated.path));
  const issues = validateDive(migrated.raw);
  if (issues.length) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    throw new DiveFileError(file, first.message + more, first.path, located.locate(first.path));
  }
  const dive = migrated.raw as unknown as DeepDive;
  if (expectedId !== undefined && dive.id !== expectedId) {
    throw new DiveFileError(file, `id "${dive.id}" does not match the file name (expected "${expectedId}")`, '$.id', located.locate('$.id'));
  }
  return { dive, migratedFrom: migrated.from };
}
