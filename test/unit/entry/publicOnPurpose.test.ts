// "Public on purpose" is a claim the reader may act on, so a path earns it only when its kind of
// route is public everywhere: signing in, and probes a monitor reads. An integration's `POST
// …/status` was called public by the nature of its path on a real service.
import * as assert from 'node:assert/strict';
import { publicOnPurpose } from '../../../src/core/entry/publicOnPurpose';
import type { EntryPoint } from '../../../src/core/entry/types';

const route = (method: string, path: string): EntryPoint =>
  ({ kind: 'http', id: `${method} ${path}`, method, path, file: 'src/app.ts', line: 10, handler: 'h', framework: 'express', guards: [] }) as unknown as EntryPoint;
const noLines = (): string => '';

describe('public on purpose, by the nature of a path', () => {
  const cases: [string, string, boolean][] = [
    ['POST', '/api/auth/login', true],
    ['POST', '/auth/signup', true],
    ['POST', '/password-reset/confirm', true],
    ['GET', '/.well-known/openid-configuration', true],
    ['GET', '/health', true],
    ['HEAD', '/api/v1/healthz', true],
    ['GET', '/metrics', true],
    ['GET', '/status', true],
    ['GET', '/api/v2/status', true],
    ['ANY', '/ping', true],
    ['POST', '/pluggyai/status', false],
    ['GET', '/orders/:id/status', false],
    ['POST', '/health', false],
    ['DELETE', '/ping', false],
    ['GET', '/health/details/users', false],
    ['GET', '/api/users', false],
  ];
  for (const [method, path, expected] of cases) {
    it(`${method} ${path} → ${expected ? 'public by its path' : 'not public by its path'}`, () => {
      const why = publicOnPurpose(route(method, path), noLines);
      assert.equal(why === 'public by the nature of its path', expected, String(why));
    });
  }
});

describe('public on purpose, by a mark above the route', () => {
  const lines: Record<number, string> = { 7: '  @Public()', 8: "  @Get('feed')", 5: '', 6: '  // returns the feed' };
  const lineOf = (_file: string, line: number): string => lines[line] ?? '';
  it('a @Public() decorator in the block above the registration is the evidence, with its place', () => {
    const r = { ...route('GET', '/api/feed'), line: 8 } as EntryPoint;
    assert.equal(publicOnPurpose(r, lineOf), 'marked @Public() at src/app.ts:7');
  });
  it('a decorator that only mentions the word elsewhere is no mark', () => {
    const r = { ...route('GET', '/api/feed'), line: 8 } as EntryPoint;
    assert.equal(publicOnPurpose(r, (_f, l) => (l === 7 ? '  @PublicCache(60)' : l === 8 ? lines[8] : '')), undefined);
  });
});
