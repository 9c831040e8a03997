// Nitro's server middleware read for what it refuses: a 401/403 createError thrown (or sendError'd,
// or a redirect to sign-in) under a test of the caller's credentials, or requireUserSession(event)
// called outright, with the request-path tests it sits under; nothing for one that refuses no one
// or refuses for another reason (an Origin check).
import * as assert from 'node:assert/strict';
import type { Parser } from 'web-tree-sitter';
import { createParser } from '../../../src/core/parse/languages';
import { parseNitroMiddleware } from '../../../src/core/entry/fileRouting/nitroMiddleware';
import { decidePathTest } from '../../../src/core/entry/fileRouting/pathTests';

describe('Nitro server middleware: what it refuses, and on which paths', () => {
  let parser: Parser;
  before(async () => {
    parser = await createParser('typescript');
  });
  after(() => parser.delete());

  const read = (text: string) => parseNitroMiddleware(parser.parse(text)!, 'server/middleware/guard.ts');

  it('a 401 under a missing session, on the paths a getRequestURL(event).pathname test lets through', () => {
    const m = read(
      [
        "const OPEN = ['/api/health', '/api/login']",
        'export default eventHandler(async (event) => {',
        '  const { pathname } = getRequestURL(event)',
        "  if (!pathname.startsWith('/api/') || OPEN.includes(pathname)) return",
        '  const session = await getUserSession(event)',
        '  if (!session.user) return sendError(event, createError({ status: 401 }))',
        '})',
        '',
      ].join('\n'),
    );
    assert.equal(m?.refusals.length, 1);
    const r = m!.refusals[0];
    assert.equal(r.how, '401');
    assert.equal(r.line, 6);
    assert.equal(decidePathTest(r.path!, '/api/items/:id'), true);
    assert.equal(decidePathTest(r.path!, '/api/login'), false);
    assert.equal(decidePathTest(r.path!, '/rss.xml'), false);
  });

  it('requireUserSession(event) under an event.path test is a refusal of its own', () => {
    const m = read("export default defineEventHandler(async (event) => {\n  if (event.path.startsWith('/api/admin')) {\n    await requireUserSession(event)\n  }\n})\n");
    assert.equal(m?.refusals.length, 1);
    assert.equal(decidePathTest(m!.refusals[0].path!, '/api/admin/users'), true);
    assert.equal(decidePathTest(m!.refusals[0].path!, '/api/items'), false);
  });

  it('refuses nobody when it only reads a token into the session, or refuses by Origin', () => {
    assert.deepEqual(read("export default defineEventHandler(async (event) => {\n  const token = getCookie(event, 'token')\n  if (!token) return\n  event.context.user = await lookup(token)\n})\n")?.refusals, []);
    assert.deepEqual(read("export default defineEventHandler((event) => {\n  const origin = getRequestHeader(event, 'origin')\n  if (origin && !ALLOWED.includes(origin)) throw createError({ statusCode: 403 })\n})\n")?.refusals, []);
  });

  it('is no middleware when the default export is no handler', () => {
    assert.equal(read('export default { name: "x" }\n'), undefined);
  });
});
