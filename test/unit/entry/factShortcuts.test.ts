// The JS/TS fact extractor's readers run for every call, condition and function of a file, in the
// map's workers; each has a cheap check in front that answers "no" without the costly scan
// (facts/refusal.ts ERROR_WORD and IDENTITY_WORD, jsNodes.ts `short`, noDataAnswer.ts). These
// tests hold each shortcut to the answer of the scan it saves.
import * as assert from 'node:assert/strict';
import { IDENTITY, IDENTITY_WORD, callRefusal, identityRead, throwRefusal } from '../../../src/core/entry/facts/refusal';
import { short } from '../../../src/core/entry/facts/jsNodes';
import { noDataAnswer } from '../../../src/core/entry/facts/noDataAnswer';
import { extractJsFacts } from '../../../src/core/entry/facts/jsFacts';
import { createParser } from '../../../src/core/parse/languages';
import { liteTree } from '../../../src/core/parse/liteTree';
import { named } from '../../../src/core/entry/facts/jsNodes';

/** One name per alternative of ERROR_CLASS, in the cases code writes them. */
const ERROR_NAMES = [
  'UnauthorizedError',
  'unauthorised',
  'HttpForbidden',
  'UserUnauthenticated',
  'NotAuthenticatedError',
  'Authentication_Failed',
  'AuthenticationRequired',
  'JwtAuthError',
  'AuthenticationError',
  'NoPermissionError',
  'Permission_Denied',
  'PermissionError',
  'InsufficientPermissions',
  'AccessDeniedException',
  'Access_Denied',
  'INVALIDTOKEN',
  'InvalidCredentialsError',
  'TokenExpiredError',
  'LoginRequired',
  'NotAuthorizedError',
  'notAllowed',
];

/** One sample per word of IDENTITY, each read as identity by the full scan. */
const IDENTITY_SAMPLES = [
  'req.user',
  'request.member',
  'ctx.account',
  'c.session',
  'r.auth',
  'req.isAuthenticated()',
  'req.is_authenticated',
  'req.currentUser',
  'ctx . principal',
  'const h = headers.authorization',
  'h.Authorization',
  'Bearer x',
  'bearer',
  'jwt.verify(t)',
  'JWT',
  'verifyToken(t)',
  'verify_token(t)',
  'decode_token(t)',
  'decodeToken(t)',
  'getSession()',
  'get_session()',
  'current_user',
  'currentUser',
  'const u = getUser(req)',
  'get_user(req)',
  'req.query.api_key',
  'req.query.apikey',
  'req.apiKey',
  'req.query.token',
];

/** A small deterministic PRNG, so the generated texts are the same every run. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('entry facts: the cheap checks in front of the costly scans', () => {
  it('a thrown or passed error is refused for every name ERROR_CLASS knows, and not for others', () => {
    for (const name of ERROR_NAMES) {
      assert.equal(throwRefusal(`new ${name}()`, 1)?.how, 'throw', name);
      assert.equal(callRefusal('next', [`new ${name}()`], 1)?.how, 'error', name);
    }
    assert.equal(throwRefusal('new NotFoundError()', 1), undefined);
    assert.equal(callRefusal('next', ['new ValidationError()'], 1), undefined);
    // Written out only when it refuses: the whole call, shortened.
    assert.deepEqual(callRefusal('ctx.res.status', ['401'], 3), { how: '401', text: 'ctx.res.status(401)', line: 3 });
    assert.equal(callRefusal('Http::abort', ['403'], 3)?.how, '403');
  });

  it('every body the identity scan reads as identity names one of IDENTITY_WORD', () => {
    for (const sample of IDENTITY_SAMPLES) {
      assert.ok(IDENTITY.test(sample), `IDENTITY matches ${sample}`);
      assert.ok(identityRead(`function f(req) {\n  ${sample};\n}`), `identity read in ${sample}`);
      assert.ok(IDENTITY_WORD.test(sample), `IDENTITY_WORD in ${sample}`);
    }
    assert.equal(IDENTITY_WORD.test('return items.map((i) => i.id);'), false);
  });

  it('short gives the collapsed, cut text whatever the length and spacing', () => {
    const rnd = prng(7);
    const pieces = ['a', 'bc', ' ', '  ', '\n', '\t \n ', 'é', '😀', 'x'.repeat(90), ' '.repeat(400)];
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const n = Math.floor(rnd() * 120);
      for (let k = 0; k < n; k++) text += pieces[Math.floor(rnd() * pieces.length)];
      const s = text.replace(/\s+/g, ' ');
      assert.equal(short(text), s.length > 80 ? s.slice(0, 79) + '…' : s, JSON.stringify(text));
    }
  });

  it('a handler with no test of its caller has no no-data answer; one with it still has', async () => {
    const parser = await createParser('javascript');
    const body = (src: string) => {
      const text = `function h(req, res) {${src}}`;
      const tree = parser.parse(text)!;
      const fn = liteTree(tree, text).namedChildren[0]!;
      const out = noDataAnswer(['req', 'res'], named(fn.childForFieldName('body')));
      tree.delete();
      return out;
    };
    try {
      assert.equal(body(`if (req.query.x) { res.send(1); } else { res.json({ ok: false }); }`), undefined);
      assert.equal(body(`const a = 1; res.json(a);`), undefined);
      assert.deepEqual(body(`if (req.user) { res.json(req.user.items); } else { res.json({ signedIn: false }); }`), { how: 'no-data', text: 'res.json({ signedIn: false })', line: 1, cond: 'else of req.user' });
      assert.equal(body(`if (!req.session.userId) return res.send('no');\nres.json(load(req));`)?.cond, '!req.session.userId');
      // An answer before the test: anonymous callers may get data there.
      assert.equal(body(`res.write(data);\nif (!req.user) return res.send('no');`), undefined);
      // Another name for the request, met after `req` in the same file.
      const text = 'function a(req, res) { if (!req.user) return res.end(); res.json(1); }\nfunction b(request, reply) { if (!request.user) return reply.send({}); reply.send(2); }\n';
      const tree = parser.parse(text)!;
      const facts = extractJsFacts(liteTree(tree, text));
      tree.delete();
      assert.deepEqual(
        facts.fns.map((f) => f.refusals?.map((r) => `${r.how} ${r.cond}`)),
        [['no-data !req.user'], ['no-data !request.user']],
      );
    } finally {
      parser.delete();
    }
  });
});
