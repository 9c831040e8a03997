// The detectors ask a tree, over and over, for the nodes of some types under some node
// (`all(body, 'if_statement')` for each function and each detector), and tree-sitter answers each
// question by walking the whole subtree again: a Go service's function bodies were walked about
// forty times over, most of the route pass's time. Here a tree is walked once, for the types its
// language's questions keep covering, and each question on those types is answered from the lists:
// the nodes inside the asked node, in document order, the asked node itself included — exactly
// what tree-sitter's own walk gives (a node whose range equals the asked one's, or has no width,
// is checked by its parents). Which types are worth listing is learnt per language from the
// questions asked of earlier trees, so it never changes an answer, only how it is found.
import type { SyntaxNode } from '../parse/liteTree';

interface Listed {
  nodes: SyntaxNode[];
  starts: number[];
  ends: number[];
}

/** Per language: the text the questions on each type covered, against the text of the trees asked. */
interface Learnt {
  asked: Map<string, number>;
  bytes: number;
}

const listedByTree = new WeakMap<object, Map<string, Listed>>();
const learntByLanguage = new WeakMap<object, Learnt>();
/** A type is listed once questions on it have covered at least the trees' own text. */
const WORTH = 1;

interface TreeLike {
  language?: object;
  rootNode?: SyntaxNode;
}

/** The nodes of `types` under `root` (itself included), as `root.descendantsOfType(types)` gives them. */
export function descendants<N extends SyntaxNode>(root: N, types: string | string[]): N[] {
  const list = typeof types === 'string' ? [types] : types;
  const tree = (root as unknown as { tree?: TreeLike }).tree;
  const lang = tree?.language;
  const rootNode = lang ? tree.rootNode : undefined;
  if (!tree || !lang || !rootNode) return root.descendantsOfType(types).filter(Boolean) as N[];
  const end = root.endIndex;
  let learnt = learntByLanguage.get(lang);
  if (!learnt) learntByLanguage.set(lang, (learnt = { asked: new Map(), bytes: 0 }));
  let listed = listedByTree.get(tree);
  if (!listed) {
    listed = listTypes(rootNode, learnt);
    listedByTree.set(tree, listed);
    learnt.bytes += rootNode.endIndex - rootNode.startIndex;
  }
  for (const t of list) learnt.asked.set(t, (learnt.asked.get(t) ?? 0) + end - root.startIndex);
  if (!list.every((t) => listed!.has(t))) return root.descendantsOfType(types).filter(Boolean) as N[];
  const out: Found[] = [];
  for (const t of list) inside(listed.get(t)!, root, end, out);
  if (list.length > 1) out.sort(documentOrder);
  return out.map((f) => f.n) as N[];
}

/** One walk of the tree for every type the language's questions have covered enough text of. */
function listTypes(rootNode: SyntaxNode, learnt: Learnt): Map<string, Listed> {
  const worth = [...learnt.asked].filter(([, b]) => learnt.bytes > 0 && b >= WORTH * learnt.bytes).map(([t]) => t);
  const listed = new Map<string, Listed>();
  if (!worth.length) return listed;
  for (const t of worth) listed.set(t, { nodes: [], starts: [], ends: [] });
  for (const n of rootNode.descendantsOfType(worth)) {
    if (!n) continue;
    const l = listed.get(n.type);
    if (!l) continue;
    l.nodes.push(n);
    l.starts.push(n.startIndex);
    l.ends.push(n.endIndex);
  }
  return listed;
}

/** The listed nodes inside `root` (start..end), in document order, appended to `out`. */
interface Found {
  n: SyntaxNode;
  s: number;
  e: number;
}

function inside(l: Listed, root: SyntaxNode, end: number, out: Found[]): void {
  const start = root.startIndex;
  let lo = 0;
  let hi = l.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l.starts[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < l.starts.length && l.starts[i] <= end; i++) {
    if (l.ends[i] > end) continue;
    const n = l.nodes[i];
    // Ranges nest in a tree: anything strictly inside is a descendant. An equal range may be a parent
    // or a child; a node without width at either edge may sit just outside.
    const edge = (l.starts[i] === start && l.ends[i] === end) || l.starts[i] === l.ends[i];
    if (edge && n.id !== root.id && !isUnder(n, root)) continue;
    out.push({ n, s: l.starts[i], e: l.ends[i] });
  }
}

function isUnder(n: SyntaxNode, root: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.id === root.id) return true;
    if (p.startIndex < root.startIndex) return false;
  }
  return false;
}

/** Document order of a tree walk: by start; a longer node (a parent) first; equal ranges by ancestry. */
function documentOrder(a: Found, b: Found): number {
  if (a.s !== b.s) return a.s - b.s;
  if (a.e !== b.e) return b.e - a.e;
  if (a.n.id === b.n.id) return 0;
  return isUnder(b.n, a.n) ? -1 : isUnder(a.n, b.n) ? 1 : 0;
}
