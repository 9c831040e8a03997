// A name used inside functions that is the module's own (`app` in `def run(): app.mount(...)`):
// no parameter of an enclosing function and bound by none of them, so the module's binding is meant.
import type { Node } from 'web-tree-sitter';
import { paramNames } from './pyScope';

/** `n` is an identifier no function of `defs` (the enclosing ones) takes or binds. */
export function globalIn(n: Node, defs: readonly Node[]): boolean {
  if (n.type !== 'identifier') return false;
  const name = n.text;
  return defs.every((def) => !paramNames(def).includes(name) && !bindsLocally(def, name));
}

function bindsLocally(def: Node, name: string): boolean {
  const body = def.childForFieldName('body');
  if (!body) return false;
  if (body.descendantsOfType('global_statement').some((g) => g?.namedChildren.some((c) => c?.text === name))) return false;
  for (const a of body.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'as_pattern'])) {
    const left = a?.type === 'as_pattern' ? a.namedChildren[a.namedChildren.length - 1] : a?.childForFieldName('left');
    if (left && (left.text === name || left.descendantsOfType('identifier').some((i) => i?.text === name))) return true;
  }
  return false;
}

/**
 * Another framework's whole application mounted in a FastAPI/Starlette one: Django's
 * `get_asgi_application()`, a WSGI app wrapped by `WSGIMiddleware(flask_app)`, python-socketio's
 * `ASGIApp(sio)`. Its own routes and auth are not read here, so the mount is unknown, not open.
 */
const FOREIGN_APP = /^([\w.]+\.)?(get_asgi_application|get_wsgi_application|WSGIMiddleware|ASGIApp)$/;

/** The call building the mounted application (`app.mount("/server", django_app)` finds `django_app = get_asgi_application()` at module level), when it is another framework's app. */
export function foreignApp(child: Node | undefined, root: Node): Node | undefined {
  if (child?.type === 'call') return FOREIGN_APP.test(child.childForFieldName('function')?.text ?? '') ? child : undefined;
  if (child?.type !== 'identifier') return undefined;
  for (const a of root.descendantsOfType('assignment')) {
    if (!a || a.childForFieldName('left')?.text !== child.text || inFunction(a)) continue;
    const right = a.childForFieldName('right');
    if (right?.type === 'call' && FOREIGN_APP.test(right.childForFieldName('function')?.text ?? '')) return right;
  }
  return undefined;
}

function inFunction(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition') return true;
  return false;
}
