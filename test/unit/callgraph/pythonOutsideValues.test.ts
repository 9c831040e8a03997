// A Python value a function makes with an outside package's class (`ws = web.WebSocketResponse()`)
// has that package's methods: `ws.prepare(request)` is not the one `prepare` method the service
// happens to declare. A value of the service's own class, or one bound to two classes, is left to the
// other rules; an aiohttp client session does call another service.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'bot/runner.py': 'class Runner:\n    def prepare(self):\n        return 1\n',
  'bot/views.py': [
    'import aiohttp',
    'from aiohttp import web',
    'from aiohttp.web import WebSocketResponse',
    '',
    '',
    'async def stream(request):',
    '    ws = web.WebSocketResponse()',
    '    await ws.prepare(request)',
    '    other = WebSocketResponse()',
    '    await other.prepare(request)',
    '    return ws',
    '',
    '',
    'async def fetch(request):',
    '    session = aiohttp.ClientSession()',
    '    return await session.get("https://example.com")',
    '',
    '',
    'class Page:',
    '    async def show(self, request):',
    '        ws = web.WebSocketResponse()',
    '        await ws.prepare(request)',
    '',
  ].join('\n'),
};

describe('flows: Python values made with an outside package\'s class', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('ws.prepare on web.WebSocketResponse() is aiohttp\'s, not Runner.prepare', () => {
    assert.deepEqual(graph.resolve('bot/views.py', 'stream', 'ws.prepare'), { kind: 'library', package: 'aiohttp' });
  });
  it('a class imported by name, and a method\'s local, the same', () => {
    assert.equal(graph.resolve('bot/views.py', 'stream', 'other.prepare').kind, 'library');
    assert.equal(graph.resolve('bot/views.py', 'Page.show', 'ws.prepare').kind, 'library');
  });
  it('an aiohttp client session calls another service', () => {
    assert.equal(graph.resolve('bot/views.py', 'fetch', 'session.get').kind, 'external');
  });
});
