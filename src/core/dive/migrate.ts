// Schema versions of the deep-dive file. "deepdive/<major>[.<minor>]": a newer minor only adds
// fields, so it reads as the current major (unknown fields are kept); an older major is migrated
// step by step; a newer major is refused, never half-read.
import { SCHEMA_ID } from '../model/types';

export const CURRENT_MAJOR = Number(SCHEMA_ID.split('/')[1]);

/** Turns a raw file of major N into a raw file of major N + 1. Must keep fields it does not know. */
export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/** Keyed by the major it migrates *from*. deepdive/1 is the first released format: nothing yet. */
export const MIGRATIONS: ReadonlyMap<number, Migration> = new Map();

export type MigrationResult =
  | { ok: true; raw: Record<string, unknown>; from?: string }
  | { ok: false; path: string; message: string };

export function parseSchemaId(schema: unknown): { major: number; minor: number } | undefined {
  if (typeof schema !== 'string') return undefined;
  const m = /^deepdive\/(\d+)(?:\.(\d+))?$/.exec(schema);
  return m ? { major: Number(m[1]), minor: Number(m[2] ?? 0) } : undefined;
}

export function migrateRaw(raw: Record<string, unknown>, migrations: ReadonlyMap<number, Migration> = MIGRATIONS, current = CURRENT_MAJOR): MigrationResult {
  const version = parseSchemaId(raw.schema);
  if (!version) return { ok: false, path: '$.schema', message: `unknown schema ${JSON.stringify(raw.schema ?? null)} (expected "deepdive/${current}")` };
  if (version.major > current) {
    return {
      ok: false,
      path: '$.schema',
      message: `written by a newer Deep Dive (${String(raw.schema)}); this version reads up to deepdive/${current}: update Deep Dive (the file is left as it is)`,
    };
  }
  if (version.major === current) {
    // Same major, any minor: the current writer stamps its own id on save.
    return { ok: true, raw: { ...raw, schema: `deepdive/${current}` }, from: version.minor ? String(raw.schema) : undefined };
  }
  let out = raw;
  for (let major = version.major; major < current; major++) {
    const step = migrations.get(major);
    if (!step) return { ok: false, path: '$.schema', message: `no migration from deepdive/${major} to deepdive/${major + 1}` };
    out = { ...step(out), schema: `deepdive/${major + 1}` };
  }
  return { ok: true, raw: out, from: String(raw.schema) };
}
