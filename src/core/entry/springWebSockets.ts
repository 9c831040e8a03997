// WebSocket endpoints a Spring application registers in code:
//   public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) { registry.addHandler(infoHandler(), "/info"); }
//   public void registerJsonRpcHandlers(JsonRpcHandlerRegistry registry) { registry.addHandler(rpcHandler(), RequestMappings.WS_RPC); }  (Kurento)
//   public void registerStompEndpoints(StompEndpointRegistry registry) { registry.addEndpoint("/ws").withSockJS(); }
// Each path is a GET route (the upgrade request) under the SecurityFilterChain's URL rules. What a
// connected client may then do is decided by the handler's message code, which is not read here:
// a route the rules let through is not known to be open (`doubt`), only one they refuse is guarded.
// The handler's class is kept (`new InfoHandler()`, or a method of the file returning one) when no
// handshake interceptor is added: springWebSocketHandlers.ts reads its code once every file is known.
import type { Node, Tree } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, kids, line } from './treeUtil';
import { constantsOf } from './javaRoutes';
import { pathOf } from './springResourceHandlers';
import { declaredClassNames } from './javaConstantScopes';

const REGISTRARS = new Set(['registerWebSocketHandlers', 'registerJsonRpcHandlers', 'registerStompEndpoints']);

/** The WebSocket endpoints the registrar methods of a Java file declare. */
export function webSocketRoutes(tree: Tree, file: string, text: string): RouteDecl[] {
  if (!/\b(registerWebSocketHandlers|registerJsonRpcHandlers|registerStompEndpoints)\s*\(/.test(text)) return [];
  const consts = constantsOf(text);
  const own = declaredClassNames(text);
  const out: RouteDecl[] = [];
  for (const m of all(tree.rootNode, 'method_declaration')) {
    const registrar = m.childForFieldName('name')?.text ?? '';
    if (!REGISTRARS.has(registrar)) continue;
    const owner = m.parent?.parent?.childForFieldName('name')?.text ?? '';
    for (const call of all(m, 'method_invocation')) {
      const kind = call.childForFieldName('name')?.text;
      const stomp = registrar === 'registerStompEndpoints';
      if (kind !== (stomp ? 'addEndpoint' : 'addHandler')) continue;
      const args = kids(call.childForFieldName('arguments')).filter((a) => a.isNamed);
      // addHandler(handler, path…); addEndpoint(path…).
      const handler = stomp ? 'STOMP endpoint' : `WebSocket handler ${args[0]?.text.replace(/\s+/g, ' ').slice(0, 60) ?? ''}`;
      const cls = stomp ? undefined : handlerClass(args[0]?.text ?? '', text, statementOf(call).text);
      for (const arg of stomp ? args : args.slice(1)) {
        const { path, other } = pathOf(arg, consts, undefined, undefined, undefined, own);
        out.push({
          method: 'GET',
          path: path ?? (other ? `${other.before}{${other.type}.${other.name}}${other.after}` : arg.text),
          ...(path === undefined ? { dynamic: arg.text } : {}),
          ...(other ? { javaConst: other } : {}),
          handler: `${owner}.${registrar} (${handler})`,
          ...(cls ? { wsHandler: cls } : {}),
          guards: [],
          file,
          line: line(call),
          order: call.startIndex,
          framework: 'spring',
          doubt: `a WebSocket endpoint: what a connected client may do is decided by its handler's message code (${handler}), which is not read`,
        });
      }
    }
  }
  return out;
}

/** The statement a call is part of (`registry.addHandler(h, p).setAllowedOrigins("*");`). */
function statementOf(n: Node): Node {
  let at = n;
  while (at.parent && at.type !== 'expression_statement' && at.type !== 'method_declaration') at = at.parent;
  return at;
}

/**
 * The class of the handler object: `new X(…)`, or a no-argument method of the file whose body returns
 * `new X(…)` (a `@Bean` factory). None when the registration adds interceptors (they run at the
 * handshake and may refuse) or the handler is configured by calls (`rpcHandler().withPingWatchdog(true)`).
 */
function handlerClass(arg: string, text: string, statement: string): string | undefined {
  if (/Interceptor/.test(statement)) return undefined;
  const made = /^new\s+([A-Z][\w$]*)\s*\([^()]*\)$/.exec(arg.trim());
  if (made) return made[1];
  const called = /^(?:this\.)?([a-z_$][\w$]*)\s*\(\s*\)$/.exec(arg.trim());
  if (!called) return undefined;
  const decl = new RegExp(`\\b([A-Z][\\w$]*)\\s+${called[1]!.replace(/\$/g, '\\$')}\\s*\\(\\s*\\)\\s*(?:throws[^{]*)?\\{\\s*return\\s+new\\s+([A-Z][\\w$]*)\\s*\\([^()]*\\)\\s*;\\s*\\}`).exec(text);
  return decl ? decl[2] : undefined;
}
