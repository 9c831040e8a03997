// A deployment base path held in a Go setting that start-up code writes (woodpecker's shape:
// `server.Config.Server.RootPath` from the path of the `server-host` flag's URL): the route carries
// the path under the inputs' defaults — urfave/cli `StringFlag` values (none given: ""), cobra/pflag
// and `flag` `StringVar(&x, "name", "def", …)` and `flag.String`, `os.Getenv` unset with a fallback
// in the code, an envconfig `default:"…"` tag — and says which setting and input it depends on. A
// required flag, a value computed at run time, a flag nobody declares and a package variable set
// only outside the code stay dynamic.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { urlField } from '../../../src/core/entry/go/evalStr';

describe('Go settings written at start-up from flags and the environment: test/fixtures/routes/go-start-settings', () => {
  const { all, byId: route } = httpRoutesOf('go-start-settings');
  it('url.Parse(host).Path of an urfave/cli flag with no Value (""), trimmed of its slash, is an empty prefix', () => {
    const e = route('GET /version');
    assert.equal(e.dynamic, undefined);
    assert.match(e.pathDependsOn ?? '', /conf\.Config\.Server\.RootPath \(flag "server-host" at its default ""\)/);
    // Through a local the setting was copied into, too.
    assert.match(route('GET /favicon.svg').pathDependsOn ?? '', /RootPath/);
  });
  it('a flag\'s declared default reaches the setting: urfave/cli Value, cobra StringVar(P), flag.StringVar, *flag.String', () => {
    assert.match(route('GET /hooks/ping').pathDependsOn ?? '', /HookPath \(flag "hook-path" at its default "\/hooks"\)/);
    assert.match(route('GET /api/v2/items').pathDependsOn ?? '', /APIPrefix \(flag "api-prefix"/);
    assert.match(route('GET /admin/stats').pathDependsOn ?? '', /AdminPath \(flag "admin-path"/);
    assert.match(route('GET /docs/index').pathDependsOn ?? '', /DocsPath \(flag "docs-path"/);
    assert.match(route('GET /web/home').pathDependsOn ?? '', /conf\.WebPrefix \(flag "web-prefix" at its default "\/web"\)/);
  });
  it('an unset environment variable takes the fallback the code gives it, in start-up code or a helper called in the path', () => {
    assert.match(route('GET /metrics').pathDependsOn ?? '', /MetricsPath \(env CI_METRICS_PATH unset\)/);
    assert.match(route('GET /feed/rss').pathDependsOn ?? '', /getEnv\("CI_FEED_PATH", "\/feed"\) \(env CI_FEED_PATH unset\)/);
  });
  it('a field an environment loader fills has its tag\'s default', () => {
    assert.match(route('GET /static/app.js').pathDependsOn ?? '', /StaticPrefix \(its tag's default "\/static"\)/);
  });
  it('never guessed: a required flag, a run-time value, an undeclared flag and a variable set outside the code stay dynamic', () => {
    const dyn = all().filter((e) => e.dynamic).map((e) => e.dynamic!.expression).sort();
    assert.deepEqual(dyn, ['Config.Server.ExtraPath', 'Config.Server.PublicPath', 'Config.Server.UploadPath', 'LinkPrefix']);
    assert.equal(all().length, 14);
  });
  it('url.Parse: the path of a URL, none for an opaque one, not computed when Go would unescape it', () => {
    assert.equal(urlField('https://ci.example.com/woodpecker/', 'Path'), '/woodpecker/');
    assert.equal(urlField('https://ci.example.com', 'Path'), '');
    assert.equal(urlField('', 'Path'), '');
    assert.equal(urlField('mailto:x@y', 'Path'), '');
    assert.equal(urlField('/a?b=c#d', 'Path'), '/a');
    assert.equal(urlField('https://h/a%2Fb', 'Path'), undefined);
  });
});
