// Bytes of a deep-dive file → a validated, migrated model, or a DiveFileError naming the place.
import type { DeepDive } from '../model/types';
import { DiveFileError } from './diveError';
import { JsonSyntaxError, parseJsonLocated } from './jsonLocate';
import { migrateRaw } from './migrate';
import { decodeUtf8Strict } from './utf8';
import { validateDive } from './validate';

/** A deep-dive file larger than this is refused unread (DEEPDIVE_MAX_DIVE_BYTES overrides). */
export function maxDiveBytes(): number {
  const env = Number(process.env.DEEPDIVE_MAX_DIVE_BYTES);
  return Number.isFinite(env) && env > 0 ? env : 256 * 1024 * 1024;
}

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
    if (err instanceof JsonSyntaxError) {
      // The usual way a shared dive breaks: a plain-text git merge of two branches.
      const marker = /^(<<<<<<<|=======|>>>>>>>)( |$)/m.exec(text);
      if (marker) {
        const line = text.slice(0, marker.index).split('\n').length;
        throw new DiveFileError(file, 'not valid JSON: git merge conflict markers — merge it with the Deep Dive merge driver (`deepdive merge-driver`, see the README), or restore the file', undefined, { line, column: 1 });
      }
      throw new DiveFileError(file, `not valid JSON: ${err.message}`, undefined, err.position);
    }
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

/** Bytes of a deep-dive file: size and strict UTF-8 first, then decodeDive. */
export function decodeDiveBytes(bytes: Buffer, file: string, expectedId?: string): Decoded {
  if (bytes.length > maxDiveBytes()) {
    throw new DiveFileError(file, `is ${bytes.length} bytes, over the ${maxDiveBytes()}-byte limit of a deep-dive file (DEEPDIVE_MAX_DIVE_BYTES); not read`);
  }
  const utf8 = decodeUtf8Strict(bytes);
  if (!utf8.ok) throw new DiveFileError(file, `not valid UTF-8 (byte ${utf8.offset}); the file is left as it is — fix or restore that byte`, undefined, utf8.position);
  return decodeDive(utf8.text, file, expectedId);
}
