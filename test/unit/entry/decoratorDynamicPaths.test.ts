// A decorated controller whose path the reader cannot evaluate (a prefix imported from elsewhere):
// the route's `dynamic` is the expression as written, which the linker shows in braces once — not
// the path with braces already in it (`/{/{PREFIX}/shelves}`, as routing-controllers and LoopBack
// routes showed before).
import * as assert from 'node:assert/strict';
import { createParser } from '../../../src/core/parse/languages';
import { detectRoutingControllers, emptyRcFacts } from '../../../src/core/entry/routingControllers';
import { detectLoopbackRoutes } from '../../../src/core/entry/loopbackRoutes';
import { linkRoutes } from '../../../src/core/entry/routeGraph';
import { emptyDecls } from '../../../src/core/entry/types';

async function tree(text: string) {
  const parser = await createParser('typescript');
  return parser.parse(text)!;
}

describe('decorated controllers: an unread path is dynamic with its expression', () => {
  it('routing-controllers: a prefix imported from another module', async () => {
    const text = "import { JsonController, Get } from 'routing-controllers';\nimport { PREFIX } from './paths';\n@JsonController(PREFIX)\nexport class Shelves {\n  @Get('/shelves')\n  list() { return []; }\n}\n";
    const routes = detectRoutingControllers(await tree(text), 'src/shelves.ts', emptyRcFacts(), text);
    assert.equal(routes.length, 1);
    assert.equal(routes[0].dynamic, 'PREFIX + /shelves');
    const { entries } = linkRoutes([{ ...emptyDecls('src/shelves.ts'), routes }]);
    assert.equal(entries[0].path.includes('{/'), false, entries[0].path);
    assert.equal(entries[0].dynamic?.expression, 'PREFIX + /shelves');
  });

  it('LoopBack: an operation path that is a name of another module', async () => {
    const text = "import { get } from '@loopback/rest';\nimport { PATHS } from './paths';\nexport class Pings {\n  @get(PATHS.ping)\n  ping() { return 'pong'; }\n}\n";
    const routes = detectLoopbackRoutes(await tree(text), 'src/ping.controller.ts', text);
    assert.equal(routes.length, 1);
    assert.equal(routes[0].dynamic, 'PATHS.ping');
  });
});
