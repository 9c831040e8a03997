// One reading of an environment variable read, for every Python reader that asks what a fresh
// install holds (envFlags.ts, keyedSettings.ts, pathHelpers.ts): a fresh install sets no variable,
// so the read's value is its written default.
import type { Node } from 'web-tree-sitter';
import { kids, stringValue } from '../treeUtil';

const ENV_READER = /^(os\.)?(getenv|environ\.get)$/;

/**
 * `os.getenv("K", d)`, `os.environ.get("K")`: the variable's name (when written as a literal) and
 * the default's node (none: the read gives None). Undefined for any other call, or for arguments
 * that are not one or two plain positional ones.
 */
export function envRead(n: Node | null | undefined): { key: string | undefined; fallback: Node | undefined } | undefined {
  if (n?.type !== 'call' || !ENV_READER.test(n.childForFieldName('function')?.text ?? '')) return undefined;
  const args = kids(n.childForFieldName('arguments')).filter((a) => a.type !== 'comment');
  if (args.length < 1 || args.length > 2 || args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  return { key: args[0].type === 'string' ? stringValue(args[0]) : undefined, fallback: args[1] };
}
