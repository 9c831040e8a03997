// Spring Security rules under a setting's test, decided by the value the application starts with
// (springRuleConditions.ts), and WebSocket handlers judged by their code (springWebSocketHandlers.ts):
// test/fixtures/routes/spring-setting-conditions.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';
import { getterField, settingOfField } from '../../../src/core/entry/springRuleConditions';
import { handlerRefusal } from '../../../src/core/entry/springWebSocketHandlers';

describe('routes: Spring Security rules under a boolean setting (test/fixtures/routes/spring-setting-conditions)', () => {
  const routes = httpRoutesOf('spring-setting-conditions');
  itHasStates(routes, [
    // APP_FILES_PUBLIC=false in application.properties: the else branch's hasRole decides.
    ['GET /files/:id', 'guarded'],
    // app.docs-public=true: the permitAll applies.
    ['GET /docs/:id', 'unguarded'],
    // No file sets APP_LOGS_PUBLIC: the environment decides, the route stays unknown.
    ['GET /logs/:id', 'unknown'],
    // @Value("${app.reports-public:false}"): the default; the permitAll never applies.
    ['GET /reports/:id', 'guarded'],
    // A handler that reads nothing of the client and closes no session serves whoever the rules let in.
    ['GET /ws/info', 'unguarded'],
    // One that closes a client on a test, or a registration with a handshake interceptor: unknown.
    ['GET /ws/chat', 'unknown'],
    ['GET /ws/echo', 'unknown'],
  ]);
  it('says which setting left a route unknown', () => {
    assert.match(routes.byId('GET /logs/:id').guardReason ?? '', /open only when appConfig\.isLogsPublic\(\)/);
  });
});

describe('Spring settings and WebSocket handlers: the readers', () => {
  const loader = 'class C { Environment env; boolean a; boolean b; void load() { a = asBoolean("A_KEY"); b = asBoolean("B"); b = true; }\n boolean asBoolean(String k) { return Boolean.parseBoolean(env.getProperty(k)); } }';
  const cases: [text: string, field: string, want: ReturnType<typeof settingOfField>][] = [
    [loader, 'a', { key: 'A_KEY' }],
    // Assigned twice: which value holds is not known.
    [loader, 'b', undefined],
    ['@Value("${x.y:true}") private boolean f;', 'f', { key: 'x.y', fallback: true }],
    ['@Value("${x.y}") boolean f;', 'f', { key: 'x.y' }],
    // A loader in a class that reads no Environment is not known to read the configuration.
    ['class C { boolean a; void l() { a = flag("A"); } boolean flag(String k) { return k.isEmpty(); } }', 'a', undefined],
  ];
  for (const [text, field, want] of cases) it(`settingOfField ${field} of ${text.slice(0, 40)}`, () => assert.deepEqual(settingOfField(text, field), want));
  it('reads a getter only when it returns a field', () => {
    assert.equal(getterField('public boolean isX() { return this.x; }', 'isX'), 'x');
    assert.equal(getterField('public boolean isX() { return x && y; }', 'isX'), undefined);
  });
  const handlers: [text: string, refuses: RegExp | undefined][] = [
    ['class H extends TextWebSocketHandler { void handleTextMessage(WebSocketSession s, TextMessage m) { log(m); } }', undefined],
    ['class H extends TextWebSocketHandler { void handleTextMessage(WebSocketSession s, TextMessage m) { if (s.getPrincipal() == null) s.close(); } }', /principal/i],
    ['class H extends MyBaseHandler { }', /MyBaseHandler/],
    ['class H implements WebSocketHandler { void afterConnectionEstablished(WebSocketSession s) { if (bad(s)) s.close(); } }', /closes/],
    ['class H extends TextWebSocketHandler { void afterConnectionClosed(WebSocketSession s, CloseStatus c) { s.close(); } }', undefined],
  ];
  for (const [text, refuses] of handlers) {
    it(`handlerRefusal: ${text.slice(0, 60)}`, () => {
      const got = handlerRefusal(text, 'H');
      if (refuses) assert.match(got ?? '', refuses);
      else assert.equal(got, undefined);
    });
  }
});
