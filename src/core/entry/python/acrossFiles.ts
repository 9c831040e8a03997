// Per-file records kept by name (a module's refusing methods, its settings' fresh-install values),
// gathered across the service's files into one index, each record told its file.
import type { PyFacts } from './pyFacts';

export function acrossFiles<T>(files: readonly { file: string; py: PyFacts }[], pick: (py: PyFacts) => Record<string, T[]> | undefined): Map<string, (T & { file: string })[]> {
  const out = new Map<string, (T & { file: string })[]>();
  for (const { file, py } of files) {
    for (const [name, xs] of Object.entries(pick(py) ?? {})) {
      let list = out.get(name);
      if (!list) out.set(name, (list = []));
      for (const x of xs) list.push({ ...x, file });
    }
  }
  return out;
}
