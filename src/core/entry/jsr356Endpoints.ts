// JSR-356 (Jakarta WebSocket) endpoints of a Java application:
//   @ServerEndpoint(value = "/websocket", configurator = WebsocketConfigurator.class)
//   public class WebsocketCollector { @OnOpen public void onOpen(final Session session) { … } }
// exported by Spring's ServerEndpointExporter (or found by the servlet container's scan): the
// handshake is a GET request at the annotation's path, which passes the servlet filters and the
// URL rules (Spring Security, Shiro) like any other; the @OnOpen method is what runs for it.
import type { Tree } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, kids, line, rangeOf } from './treeUtil';
import { annotations } from './javaRoutes';

/** The @ServerEndpoint classes of a Java file, one GET route each (handler: its @OnOpen method, if any). */
export function serverEndpointRoutes(tree: Tree, file: string, text: string): RouteDecl[] {
  if (!text.includes('@ServerEndpoint')) return [];
  const out: RouteDecl[] = [];
  for (const cls of all(tree.rootNode, 'class_declaration')) {
    const ann = annotations(kids(cls).find((k) => k.type === 'modifiers')).find((a) => a.name === 'ServerEndpoint');
    const value = ann?.values.value?.[0];
    if (!ann || !value) continue;
    const className = cls.childForFieldName('name')?.text ?? '';
    const literal = value.type === 'string_literal' ? /^"((?:[^"\\]|\\.)*)"$/.exec(value.text)?.[1] : undefined;
    const open = kids(cls.childForFieldName('body')).find((m) => m.type === 'method_declaration' && annotations(kids(m).find((k) => k.type === 'modifiers')).some((a) => a.name === 'OnOpen'));
    const method = open?.childForFieldName('name')?.text;
    out.push({
      method: 'GET',
      path: literal ?? value.text,
      ...(literal === undefined ? { dynamic: value.text } : {}),
      handler: method ? `${className}.${method}` : `${className} (@ServerEndpoint)`,
      ...(open && method ? { handlerSymbol: `${className}.${method}`, inlineRange: rangeOf(open) } : {}),
      guards: [],
      file,
      line: line(ann.node),
      order: ann.node.startIndex,
      framework: 'spring',
    });
  }
  return out;
}
