// A framework's adapter that turns net/http middleware into its own (`echo.WrapMiddleware(requireSession)`,
// fiber's `adaptor.HTTPMiddleware(mw)`): the adapter holds no check of its own, so what refuses is the
// middleware it is given. The candidate is that argument, judged by its code like any middleware.
import type { GoNode as Node } from './goNode';
import { callArgs } from '../treeUtil';

const ADAPTERS = /^ext:(github\.com\/labstack\/echo(\/v\d+)?#WrapMiddleware|github\.com\/gofiber\/(adaptor(\/v\d+)?|fiber(\/v\d+)?\/middleware\/adaptor)#HTTPMiddleware)$/;

/** The middleware an adapter call wraps, or undefined when `n` is no adapter call of one argument. */
export function adaptedMiddleware(n: Node, callee: (fn: Node) => string | undefined): Node | undefined {
  if (n.type !== 'call_expression') return undefined;
  const own = convertedMiddleware(n, callee);
  if (own) return own;
  const c = callee(n.childForFieldName('function')!);
  if (!c || !ADAPTERS.test(c)) return undefined;
  const args = callArgs(n);
  return args.length === 1 ? args[0] : undefined;
}

/**
 * `Middleware(sessionInit).toEcho()` (opengist): a function converted to a function type of ours whose method
 * adapts it to the framework. The method only wraps the value it is called on, so the converted function is the
 * middleware. Read from the call: the method resolves to that very type's (`dir#Middleware.toEcho`), no argument.
 */
function convertedMiddleware(n: Node, callee: (fn: Node) => string | undefined): Node | undefined {
  const fn = n.childForFieldName('function');
  const conv = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : undefined;
  if (!fn || conv?.type !== 'call_expression' || callArgs(n).length) return undefined;
  const type = conv.childForFieldName('function')?.text.replace(/^.*\./, '');
  const args = callArgs(conv);
  const c = callee(fn);
  // `fn:dir#Middleware.toEcho`, or as the scope writes a method of a value it made, `ret:fn:dir#Middleware|toEcho`.
  const method = `#${type}`;
  const field = fn.childForFieldName('field')?.text;
  return type && args.length === 1 && (c?.endsWith(`${method}.${field}`) || c?.endsWith(`${method}|${field}`)) ? args[0] : undefined;
}
