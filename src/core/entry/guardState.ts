// The one place that turns a route's guards into its guard state and decides whether an
// unprotected route looks public on purpose: the Entry Points view, the CLI and the report all
// read these fields, so they cannot disagree.
import type { EntryPoint, GuardState } from './types';
import { publicOnPurpose } from './publicOnPurpose';

type ReadFile = (rel: string) => string | Promise<string>;

/** The state implied by the guards found, for detectors that do not decide it themselves. */
export function stateFromGuards(e: EntryPoint): GuardState {
  const auth = e.guards.filter((g) => g.kind !== 'other');
  if (auth.some((g) => !g.optional)) return 'guarded';
  if (auth.length) return 'optional';
  return 'unguarded';
}

/**
 * A path parameter that is itself a credential (`/ext/heartbeat/:tag/:secret`, `/badge/:key/:signature`):
 * the route is built to be reached only by who knows it, and the check, if any, is the handler's
 * comparison with a stored value, which the detectors do not follow. Exact names only: `:secretId`
 * names a secret, `:token` is as often a record's id as a credential.
 */
const CREDENTIAL_PARAM = /^(secret|signature|sig|hmac|api_?key|apikey|access_?key|password|passcode)$/i;

/** The first parameter of a route path named as a credential, or undefined. */
export function credentialParam(routePath: string): string | undefined {
  for (const m of routePath.matchAll(/:(\w+)/g)) if (CREDENTIAL_PARAM.test(m[1])) return m[1];
  return undefined;
}

/** A segment naming a webhook receiver, and the names its secret address goes by (`:token`, `:webhookID`). */
const HOOK_SEGMENT = /^(web)?hooks?$/i;
const HOOK_ADDRESS = /^(token|(web)?hook_?id)$/i;

/**
 * The parameter a webhook receiver is addressed by, when it is its secret (Portainer's
 * `POST /stacks/webhooks/:webhookID`, `POST /webhooks/:token`; velaux's `POST /webhook/:token`):
 * the last segment, under a `webhooks` segment, of a route a sender calls (POST, PUT or ANY).
 * Whoever knows the address may call; the handler's lookup of a stored hook by it is the check,
 * which is not followed. `:token` alone is as often a public link's id (`/gift/:token`), and a
 * hook's plain `:id` is a record's (management routes, Flowise's `/webhook/:id` chatflow), so
 * both the segment and the name are needed.
 */
export function webhookAddressParam(method: string, routePath: string): string | undefined {
  if (!/^(POST|PUT|ANY)$/.test(method)) return undefined;
  const segs = routePath.split('/').filter(Boolean);
  const m = /^(?::(\w+)|\{(\w+)\})$/.exec(segs[segs.length - 1] ?? '');
  const last = m?.[1] ?? m?.[2];
  return last && HOOK_ADDRESS.test(last) && segs.slice(0, -1).some((s) => HOOK_SEGMENT.test(s)) ? last : undefined;
}

/** Fills guardState, public, guardReason and publicOnPurpose on every entry. */
export async function settleGuardStates(entries: EntryPoint[], readFile: ReadFile): Promise<void> {
  const lines = new Map<string, string[]>();
  const needed = new Set<string>();
  for (const e of entries) {
    e.guardState ??= stateFromGuards(e);
    // Nothing on the way refuses, but the path carries a credential: not known to be open.
    const cred = e.kind === 'http' && e.guardState === 'unguarded' ? (credentialParam(e.path) ?? webhookAddressParam(e.method, e.path)) : undefined;
    if (cred) {
      e.guardState = 'unknown';
      e.guardReason = `its path carries a credential (:${cred}); nothing on the way checks it, and whether the handler refuses a wrong one was not followed`;
    }
    // `public` keeps its contract: known to have no required guard. A route whose protection could
    // not be resolved is not known to be open, so it is not public (its guardState says `unknown`).
    e.public = e.guardState === 'unguarded' || e.guardState === 'optional';
    if (!e.guardReason) e.guardReason = reasonOf(e);
    if (e.guardState === 'unguarded' || e.guardState === 'optional') {
      needed.add(e.file);
      if (e.handlerLocation) needed.add(e.handlerLocation.file);
    }
  }
  for (const f of needed) {
    try {
      lines.set(f, String(await readFile(f)).split(/\r?\n/));
    } catch {
      lines.set(f, []);
    }
  }
  const lineOf = (file: string, line: number): string => lines.get(file)?.[line - 1] ?? '';
  for (const e of entries) {
    if (e.guardState !== 'unguarded' && e.guardState !== 'optional') continue;
    const why = publicOnPurpose(e, lineOf);
    if (why) e.publicOnPurpose = why;
  }
}

function reasonOf(e: EntryPoint): string {
  const required = e.guards.filter((g) => g.kind !== 'other' && !g.optional);
  switch (e.guardState) {
    case 'guarded':
      return required.map((g) => `${g.name} (${g.file}:${g.line})`).join(', ');
    case 'optional':
      return `anonymous allowed: ${e.guards.filter((g) => g.optional).map((g) => g.name).join(', ')}`;
    case 'unknown':
      return 'a mount or middleware on the way could not be resolved';
    default:
      return 'every mount and middleware on the way is known and none refuses requests';
  }
}
