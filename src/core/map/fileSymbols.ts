// The symbols of one file for a command about that one file (note add, read, import): from the
// map cache when it holds exactly this content, else parsed. Parsing a file costs compiling its
// language's queries and the parse (0.3–0.6 s of a 1–2 s command on a big dive); the cache
// lookup costs a read of the cache's index and of that file's part.
import type { LanguageId } from '../parse/languages';
import { parseFile } from './extractFile';
import type { MapCache } from './mapCache';
import { defaultMapCache } from './mapSession';
import { hashText } from './processFile';
import type { SymbolInfo } from './types';

// One cache object per root for the process, so its index is read once however many files ask;
// once the map rewrites its cache, the bodies file no longer matches that index: misses, never wrong symbols.
const caches = new Map<string, MapCache>();

export async function symbolsOfFile(root: string, rel: string, text: string, language: LanguageId): Promise<SymbolInfo[]> {
  let cache = caches.get(root);
  if (!cache) caches.set(root, (cache = defaultMapCache(root)));
  const known = cache.lookup(rel, hashText(text));
  if (known) return known.symbols;
  return (await parseFile(rel, text, language)).symbols;
}
