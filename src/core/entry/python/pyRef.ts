// A Python reference (`app/api/users.py#router`): the defining file and the name in it, split at
// the last `#` (a file path never holds one; a name may hold dots: `Class.method`).
import type { Ref } from '../types';

export function refFile(ref: Ref): string {
  return ref.slice(0, ref.lastIndexOf('#'));
}

export function refName(ref: Ref): string {
  return ref.slice(ref.lastIndexOf('#') + 1);
}

/** [file, name]. */
export function splitRef(ref: Ref): [string, string] {
  const i = ref.lastIndexOf('#');
  return [ref.slice(0, i), ref.slice(i + 1)];
}
