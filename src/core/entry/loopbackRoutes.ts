// LoopBack 4 (@loopback/rest): controller classes whose methods declare routes by decorators
// (`@get('/users/{id}')`, `@del(...)`, `@operation('get', ...)`), booted from the controllers
// folder, under the class's `@api({ basePath })`. Who may call them is said by decorators too:
// `@authenticate('jwt')` / `@authenticate(STRATEGY.BEARER)` (@loopback/authentication,
// loopback4-authentication) on the class or the method (the method's own wins, `@authenticate.skip()`
// drops the class's), and `@authorize({ permissions | allowedRoles })` (@loopback/authorization,
// loopback4-authorization; `permissions: ['*']` lets anyone through). An `@intercept(...)` runs code
// of the service's own before the handler that may refuse: not followed, so a route it is the only
// thing in front of is `unknown` (a doubt), never open.
// Paths are the decorator's, a module constant or a template over module constants resolved in the
// file (`const baseUrl = '/tenants/{id}/users'`, `${baseUrl}/{userId}`); `{id}` is written `:id`.
import type { Node, Tree } from 'web-tree-sitter';
import type { GuardCandidate, RouteDecl } from './types';
import { all, kids, line, rangeOf, stringValue } from './treeUtil';
import { moduleStrings, optionValue, pathOf } from './jsLiterals';
import { decoratorsOf, rcJoin, type Deco } from './routingControllers';

/** A file that uses the package's route decorators: nothing else is read for it. */
export const IMPORTS_LOOPBACK_REST = /(?:from\s*|require\s*\(\s*)['"]@loopback\/rest['"]/;

const METHODS: ReadonlyMap<string, string> = new Map([['get', 'GET'], ['post', 'POST'], ['put', 'PUT'], ['patch', 'PATCH'], ['del', 'DELETE']]);

/** Strategies that are the sign-in itself (the credentials in the body are the way in), not a check of who calls. */
const SIGN_IN_STRATEGY = /LOCAL|PASSWORD|OAUTH|OTP|SAML|GOOGLE|FACEBOOK|APPLE|AZURE|KEYCLOAK|INSTAGRAM|COGNITO|AUTH0/i;

export function detectLoopbackRoutes(tree: Tree, file: string, text: string): RouteDecl[] {
  if (!IMPORTS_LOOPBACK_REST.test(text)) return [];
  const root = tree.rootNode;
  const consts = moduleStrings(root);
  const out: RouteDecl[] = [];
  for (const cls of all(root, ['class_declaration', 'class'])) {
    const decs = decoratorsOf(cls);
    const className = cls.childForFieldName('name')?.text ?? '';
    const api = decs.find((d) => d.name === 'api');
    const base = api ? pathOf(optionValue(api.args[0], 'basePath'), consts) : '';
    const clsWhere = `class ${className}`;
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_definition')) {
      const mdecs = decoratorsOf(m);
      const name = m.childForFieldName('name')?.text ?? '';
      for (const d of mdecs) {
        let method = METHODS.get(d.name);
        let pathArg = d.args[0];
        if (d.name === 'operation') {
          method = stringValue(d.args[0])?.toUpperCase();
          pathArg = d.args[1];
        }
        if (!method) continue;
        const own = pathArg ? pathOf(pathArg, consts) : '';
        const readable = base !== undefined && own !== undefined;
        const path = braces(readable ? rcJoin(base, own) : rcJoin(base ?? '{basePath}', own ?? `{${pathArg!.text}}`));
        const { guards, doubt } = guardsOf(decs, mdecs, file, clsWhere, `method ${className}.${name}`);
        out.push({
          method,
          path,
          // The linker shows an unread path as its expression in braces: the parts as written, not the path with braces already in it.
          ...(readable ? {} : { dynamic: [base ?? 'basePath', own ?? pathArg!.text].filter((x) => x).join(' + ') }),
          handler: `${className}.${name}`,
          handlerSymbol: `${className}.${name}`,
          inlineRange: rangeOf(m),
          guards,
          ...(doubt ? { doubt } : {}),
          file,
          line: line(d.node),
          order: m.startIndex,
          framework: 'loopback',
        });
      }
    }
  }
  return out;
}

/** LoopBack's path templates (`{id}`) written as the other frameworks' parameters (`:id`). */
function braces(p: string): string {
  return p.replace(/\{([A-Za-z_$][\w$]*)\}/g, ':$1');
}

/** The guards of one method: its own `@authenticate`/`@authorize` in place of the class's, and why an interceptor leaves it open to doubt. */
function guardsOf(cls: Deco[], own: Deco[], file: string, clsWhere: string, where: string): { guards: GuardCandidate[]; doubt?: string } {
  const guards: GuardCandidate[] = [];
  const pick = (name: string): { d: Deco; where: string } | undefined => {
    const mine = own.find((d) => d.name === name || d.name === `${name}.skip`);
    if (mine) return { d: mine, where };
    const theirs = cls.find((d) => d.name === name || d.name === `${name}.skip`);
    return theirs ? { d: theirs, where: clsWhere } : undefined;
  };
  let signIn: string | undefined;
  const authn = pick('authenticate');
  if (authn && authn.d.name === 'authenticate' && authn.d.args[0]) {
    const text = authn.d.node.text.replace(/^@/, '').replace(/\s+/g, ' ');
    const strategy = authn.d.args[0].text;
    if (SIGN_IN_STRATEGY.test(strategy)) signIn = `@authenticate(${strategy}) on ${authn.where} (${file}:${line(authn.d.node)}) is a sign-in strategy: the credentials it reads are the way in`;
    else guards.push({ text, line: line(authn.d.node), via: 'decorator', guard: { name: text, kind: 'authentication', reason: `@authenticate on ${authn.where}: the sequence refuses a request that strategy ${strategy} does not authenticate`, file, line: line(authn.d.node) } });
  }
  const authz = pick('authorize');
  if (authz && authz.d.name === 'authorize' && requiresSomething(authz.d.args[0])) {
    const text = authz.d.node.text.replace(/^@/, '').replace(/\s+/g, ' ');
    guards.push({ text, line: line(authz.d.node), via: 'decorator', guard: { name: text.length > 120 ? text.slice(0, 119) + '…' : text, kind: 'authorization', reason: `@authorize on ${authz.where}: the caller must hold what it names`, file, line: line(authz.d.node) } });
  }
  if (guards.length) return { guards };
  const icpt = [...own.map((d) => ({ d, where })), ...cls.map((d) => ({ d, where: clsWhere }))].find((x) => x.d.name === 'intercept' && x.d.args.length);
  if (icpt) return { guards, doubt: `@intercept(${icpt.d.args.map((a) => a.text).join(', ')}) on ${icpt.where} (${file}:${line(icpt.d.node)}) runs before the handler and may refuse: its code was not followed` };
  return { guards, ...(signIn ? { doubt: signIn } : {}) };
}

/** `@authorize({ permissions: ['*'] })` lets anyone through, and `@authorize({})` names nothing to hold. */
function requiresSomething(arg: Node | undefined): boolean {
  if (!arg) return false;
  if (arg.type !== 'object') return true;
  const perms = optionValue(arg, 'permissions');
  if (perms?.type === 'array' && kids(perms).some((p) => stringValue(p) === '*')) return false;
  return kids(arg).length > 0;
}
