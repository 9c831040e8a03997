// Guard states that hinge on a value the code can see.
// - express-permission-value: a permission factory filters an "open" marker out of the permission a
//   route gives (`(Array.isArray(p) ? p : [p]).filter((n) => n !== OPEN)`) and lets the request
//   through when nothing is left; decided per route, for the constant it passes. A permission we
//   cannot read keeps the refusal, and so do locals made from the request or from a guess.
// - express-mount-scopes: middleware mounted at a path below a router's mount (`app.use('/panel',
//   requireUser)` before `app.use('/', router)`) guards the router's routes there and only there,
//   also on a base path we cannot evaluate when both are written on the same base; the status it
//   sends is that of the authentication error it built (`res.status(error.statusCode)`).
// - express-setting-policy: a 403 under `!await signupOpen(newUser)`, whose only "no" is a site
//   setting compared with a literal, refuses everyone alike: no check of the caller. A "no" that
//   also depends on what is sent or on who calls still guards.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates } from './httpRoutes';

function expectStates(fixture: string, expected: [id: string, state: EntryPoint['guardState'], guard?: string][]): void {
  itHasStates(httpRoutesOf(fixture), expected, (e, [, , guard]) => {
    if (guard) assert.ok(e.guards.some((g) => !g.optional && g.name.startsWith(guard)), JSON.stringify(e.guards));
  });
}

describe('guards: a permission factory decided for the permission each route gives', () => {
  expectStates('express-permission-value', [
    ['GET /api/health', 'unguarded'],
    ['POST /api/signup', 'unguarded'],
    ['GET /api/listed', 'unguarded'],
    ['GET /api/nothing', 'unguarded'],
    ['POST /api/notes', 'guarded', 'requirePermission'],
    ['GET /api/notes/:id', 'guarded', 'requirePermission'],
    ['GET /api/notes/:id/raw', 'guarded', 'requirePermission'],
    ['GET /api/configured', 'guarded', 'requirePermission'],
    // Locals made from the request (`(req.headers.authorization || '').split(' ')`, a filter whose
    // answer for an item is unknown) or from a setting we cannot read decide nothing.
    ['GET /keyed', 'guarded', 'requireKey'],
    ['GET /roles', 'guarded', 'requireRoles'],
  ]);
});

describe('guards: middleware mounted below a router mount', () => {
  expectStates('express-mount-scopes', [
    ['GET /{`${base}/`}/api/admin/stats', 'guarded', 'requireUser'],
    ['GET /{`${base}/`}/api/items', 'unguarded'],
    ['GET /{`${base}/`}/health', 'unguarded'],
    ['GET /panel/settings', 'guarded', 'requireUser'],
    ['GET /about', 'unguarded'],
  ]);
});

describe('guards: a refusal by a site setting is no check of the caller', () => {
  expectStates('express-setting-policy', [
    ['POST /account/register', 'unguarded'],
    ['POST /account/join', 'guarded', 'check in'],
    ['POST /notes/:id/share', 'guarded', 'check in'],
  ]);
});
