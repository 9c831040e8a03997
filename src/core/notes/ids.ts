import { randomBytes } from 'node:crypto';

/**
 * A short id, unique among `taken`: prefix + 6 base-36 characters. Short so a person can type
 * it on the command line (`deepdive note resolve n-4k2x9a`); random so two windows or two
 * branches adding notes at once do not collide when their files are merged.
 */
export function shortId(prefix: string, taken: Iterable<string>, random: (bytes: number) => Buffer = randomBytes): string {
  const used = new Set(taken);
  for (let attempt = 0; ; attempt++) {
    const digits = attempt < 20 ? 6 : 10;
    const bytes = random(digits);
    let s = '';
    for (let i = 0; i < digits; i++) s += (bytes[i] % 36).toString(36);
    const id = `${prefix}-${s}`;
    if (!used.has(id)) return id;
  }
}
