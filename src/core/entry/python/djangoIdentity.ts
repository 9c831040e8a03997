// Which of the repository's Django functions read who is calling (`request.user`), for views that
// refuse on what such a function answers (djangoHandlerChecks.ts) or serve by it (optional identity).
import type { FuncView } from '../djangoViews';

type At = { file: string; line: number };

export function identityReaders(funcs: readonly FuncView[]): { identityOf: (name: string) => At | undefined; identityBelow: (name: string) => At | undefined } {
  /** A repository function that reads the identity: a view refusing on its empty result refuses anonymous users. */
  const identityOf = (name: string): At | undefined => {
    const f = funcs.find((x) => x.name === name && x.readsIdentityAt);
    return f ? { file: f.file, line: f.readsIdentityAt! } : undefined;
  };
  /**
   * The same, or one call down (`access.asset_read(request, id)` calling `bookmark_read(request, …)`,
   * which reads request.user): enough to say a view uses the identity when present, not that it refuses.
   */
  const identityBelow = (name: string): At | undefined =>
    identityOf(name) ??
    funcs
      .filter((x) => x.name === name)
      .flatMap((x) => (x.checks ?? []).filter((c) => c.kind === 'reads' && c.callee && c.callee !== name))
      .map((c) => identityOf(c.callee!))
      .find((x) => !!x);
  return { identityOf, identityBelow };
}
