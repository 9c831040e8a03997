// Along one middleware chain (a function and what it returns, `validating(h.lookupJWK(h.verify(next)))`),
// where the key of each signature check comes from (signatureKeys.ts records the pieces per
// function). A key read from the request context is followed to every middleware of the chain
// that puts that context key in; it counts as stored only when all of them take it from a stored
// record, as the request's own when all of them take it from the request. Anything else — a key
// put in by middleware outside this chain, or a mix — decides nothing.
import type { GoIndex } from './resolve';
import type { GoFunc, KeyOrigin } from './types';

const MAX_DEPTH = 6;

export interface SignatureKeys {
  /** A signature checked against a key looked up in storage: the caller is authenticated. */
  stored?: { fn: GoFunc; verify: NonNullable<GoFunc['verifies']>[number] };
  /** Every signature in the chain is checked against a key the request carries itself. */
  selfContained: boolean;
}

export function signatureKeys(ix: GoIndex, head: GoFunc): SignatureKeys {
  const chain = chainOf(ix, head);
  const verifies = chain.flatMap((fn) => (fn.verifies ?? []).map((verify) => ({ fn, verify })));
  if (!verifies.length) return { selfContained: false };
  const kinds = verifies.map((x) => ({ ...x, kind: originKind(ix, chain, x.verify.key, 0) }));
  const stored = kinds.find((x) => x.kind === 'stored');
  return { stored, selfContained: kinds.every((x) => x.kind === 'request') };
}

function chainOf(ix: GoIndex, head: GoFunc): GoFunc[] {
  const out: GoFunc[] = [];
  const seen = new Set<string>();
  const walk = (fn: GoFunc, depth: number): void => {
    if (seen.has(fn.key) || depth > MAX_DEPTH) return;
    seen.add(fn.key);
    out.push(fn);
    for (const c of fn.returns) {
      const inner = ix.fnOf(c);
      if (inner) walk(inner, depth + 1);
    }
  };
  walk(head, 0);
  return out;
}

type Kind = 'request' | 'stored' | 'unknown';

function originKind(ix: GoIndex, chain: GoFunc[], o: KeyOrigin, depth: number): Kind {
  if ('request' in o) return 'request';
  if ('stored' in o) return 'stored';
  if (!('call' in o) || depth > MAX_DEPTH) return 'unknown';
  const getter = ix.fnOf(o.call);
  if (!getter?.ctxGet) return o.fromRequest && !getter ? 'request' : 'unknown';
  const sets = chain.flatMap((fn) => (fn.ctxSets ?? []).filter((s) => s.key === getter.ctxGet));
  if (!sets.length) return 'unknown';
  const kinds = new Set(sets.map((s) => originKind(ix, chain, s.origin, depth + 1)));
  return kinds.size === 1 ? [...kinds][0] : 'unknown';
}
