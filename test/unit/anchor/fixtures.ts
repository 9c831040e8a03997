// Literal before/after sources for the re-anchoring tests, with the symbols the map would
// report for them (1-based inclusive lines).
import type { SymbolInfo } from '../../../src/core/map/types';

export function sym(path: string, start: number, end: number, kind: SymbolInfo['kind'] = 'method'): SymbolInfo {
  const name = path.split('.').pop()!;
  return { name, kind, path, range: { start, end }, nameLine: start };
}

export const AUTH = `import { verify } from './passwords';

export class AuthService {
  constructor(private readonly repo: UserRepo, private readonly sessions: Sessions) {}

  async login(email: string, password: string): Promise<Session> {
    const user = await this.repo.findByEmail(email);
    if (!user) throw new HttpError(401, 'unknown user');
    const ok = await verify(password, user.passwordHash);
    if (!ok) throw new HttpError(401, 'bad password');
    return this.sessions.create(user.id);
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.audit.record('logout', sessionId);
  }
}
`;

export const AUTH_SYMBOLS = [
  sym('AuthService', 3, 18, 'class'),
  sym('AuthService.constructor', 4, 4),
  sym('AuthService.login', 6, 12),
  sym('AuthService.logout', 14, 17),
];

/** Three imports added at the top: everything below moves down by 3. */
export const AUTH_INSERTED = `import { verify } from './passwords';
import { HttpError } from './httpError';
import type { Session } from './types';
import type { UserRepo } from './userRepo';

export class AuthService {
  constructor(private readonly repo: UserRepo, private readonly sessions: Sessions) {}

  async login(email: string, password: string): Promise<Session> {
    const user = await this.repo.findByEmail(email);
    if (!user) throw new HttpError(401, 'unknown user');
    const ok = await verify(password, user.passwordHash);
    if (!ok) throw new HttpError(401, 'bad password');
    return this.sessions.create(user.id);
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.audit.record('logout', sessionId);
  }
}
`;

export const AUTH_INSERTED_SYMBOLS = [
  sym('AuthService', 6, 21, 'class'),
  sym('AuthService.constructor', 7, 7),
  sym('AuthService.login', 9, 15),
  sym('AuthService.logout', 17, 20),
];

/** login's body edited: a rate-limit line added, the error text changed. */
export const AUTH_BODY_EDITED = `import { verify } from './passwords';

export class AuthService {
  constructor(private readonly repo: UserRepo, private readonly sessions: Sessions) {}

  async login(email: string, password: string): Promise<Session> {
    await this.limiter.check(email);
    const user = await this.repo.findByEmail(email);
    if (!user) throw new HttpError(401, 'invalid credentials');
    const ok = await verify(password, user.passwordHash);
    if (!ok) throw new HttpError(401, 'bad password');
    return this.sessions.create(user.id);
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.audit.record('logout', sessionId);
  }
}
`;

export const AUTH_BODY_EDITED_SYMBOLS = [
  sym('AuthService', 3, 19, 'class'),
  sym('AuthService.constructor', 4, 4),
  sym('AuthService.login', 6, 13),
  sym('AuthService.logout', 15, 18),
];

/** login renamed signIn, and a method added above it. */
export const AUTH_RENAMED_FN = `import { verify } from './passwords';

export class AuthService {
  constructor(private readonly repo: UserRepo, private readonly sessions: Sessions) {}

  health(): string {
    return 'ok';
  }

  async signIn(email: string, password: string): Promise<Session> {
    const user = await this.repo.findByEmail(email);
    if (!user) throw new HttpError(401, 'unknown user');
    const ok = await verify(password, user.passwordHash);
    if (!ok) throw new HttpError(401, 'bad password');
    return this.sessions.create(user.id);
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.audit.record('logout', sessionId);
  }
}
`;

export const AUTH_RENAMED_FN_SYMBOLS = [
  sym('AuthService', 3, 22, 'class'),
  sym('AuthService.constructor', 4, 4),
  sym('AuthService.health', 6, 8),
  sym('AuthService.signIn', 10, 16),
  sym('AuthService.logout', 18, 21),
];

/** logout moved out of AuthService into its own file. */
export const AUTH_WITHOUT_LOGOUT = `import { verify } from './passwords';

export class AuthService {
  constructor(private readonly repo: UserRepo, private readonly sessions: Sessions) {}

  async login(email: string, password: string): Promise<Session> {
    const user = await this.repo.findByEmail(email);
    if (!user) throw new HttpError(401, 'unknown user');
    const ok = await verify(password, user.passwordHash);
    if (!ok) throw new HttpError(401, 'bad password');
    return this.sessions.create(user.id);
  }
}
`;

export const AUTH_WITHOUT_LOGOUT_SYMBOLS = [
  sym('AuthService', 3, 13, 'class'),
  sym('AuthService.constructor', 4, 4),
  sym('AuthService.login', 6, 12),
];

export const SESSIONS_WITH_LOGOUT = `import type { Sessions } from './types';

export class SessionService {
  constructor(private readonly sessions: Sessions, private readonly audit: Audit) {}

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.audit.record('logout', sessionId);
  }
}
`;

export const SESSIONS_WITH_LOGOUT_SYMBOLS = [
  sym('SessionService', 3, 10, 'class'),
  sym('SessionService.constructor', 4, 4),
  sym('SessionService.logout', 6, 9),
];

/** login deleted; logout is all that is left. */
export const AUTH_LOGIN_DELETED = `import { verify } from './passwords';

export class AuthService {
  constructor(private readonly repo: UserRepo, private readonly sessions: Sessions) {}

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.audit.record('logout', sessionId);
  }
}
`;

export const AUTH_LOGIN_DELETED_SYMBOLS = [
  sym('AuthService', 3, 10, 'class'),
  sym('AuthService.constructor', 4, 4),
  sym('AuthService.logout', 6, 9),
];

/** The whole file rewritten as something unrelated of the same length. */
export const UNRELATED = `export const PORT = 8080;

export function parseFlags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of argv) {
    const [k, v] = arg.replace(/^--/, '').split('=');
    out[k] = v ?? 'true';
  }
  return out;
}

export function banner(name: string): string {
  return \`== \${name} ==\`;
}

export const VERSION = '1.0.0';
export const DEBUG = false;
`;

/** Reformatted: tabs instead of spaces, a wrapped signature joined, spaces around commas changed. */
export const AUTH_WHITESPACE = AUTH.replace(/^ {2}/gm, '\t').replace(/^\t {2}/gm, '\t\t').replace('findByEmail(email)', 'findByEmail( email )');

/** The same guard twice; the note is on the second one. */
export const GUARDS = `function a(req) {
  if (!req.user) {
    throw new Forbidden();
  }
  return handleA(req);
}

function b(req) {
  if (!req.user) {
    throw new Forbidden();
  }
  return handleB(req);
}
`;

export const GUARDS_INSERTED = `// Guards for the admin routes.
// Each handler checks the user itself.

function a(req) {
  if (!req.user) {
    throw new Forbidden();
  }
  return handleA(req);
}

function b(req) {
  if (!req.user) {
    throw new Forbidden();
  }
  return handleB(req);
}
`;
