// A framework's adapter that turns net/http middleware into its own (`echo.WrapMiddleware(requireSession)`,
// fiber's `adaptor.HTTPMiddleware(mw)`): the adapter holds no check of its own, so what refuses is the
// middleware it is given. The candidate is that argument, judged by its code like any middleware.
import type { GoNode as Node } from './goNode';
import { callArgs } from '../treeUtil';

const ADAPTERS = /^ext:(github\.com\/labstack\/echo(\/v\d+)?#WrapMiddleware|github\.com\/gofiber\/(adaptor(\/v\d+)?|fiber(\/v\d+)?\/middleware\/adaptor)#HTTPMiddleware)$/;

/** The middleware an adapter call wraps, or undefined when `n` is no adapter call of one argument. */
export function adaptedMiddleware(n: Node, callee: (fn: Node) => string | undefined): Node | undefined {
  if (n.type !== 'call_expression') return undefined;
  const c = callee(n.childForFieldName('function')!);
  if (!c || !ADAPTERS.test(c)) return undefined;
  const args = callArgs(n);
  return args.length === 1 ? args[0] : undefined;
}
