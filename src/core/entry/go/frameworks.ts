import { table } from '../../ownKeys';
import { FASTHTTP_ROUTER, isFasthttpRouterImport } from './fasthttpRouter';
import { GO_ZERO, isGoZeroRestImport } from './goZero';
import { GO_RESTFUL, isGoRestfulImport } from './goRestful';
import { IRIS, isIrisImport, knownIris } from './iris';
// Go router frameworks: how each is recognised, and the guards known by their package (libraries
// whose purpose is to refuse unauthenticated requests) or known to refuse nobody.

/** Router constructors, with the framework each belongs to. */
export const CREATORS = /^(?:(gin)\.(?:Default|New)|(echo)\.(?:New|NewWithConfig)|(chi)\.(?:NewRouter|NewMux)|(mux)\.NewRouter|(http)\.NewServeMux|(httprouter)\.New|(fiber)\.New|(martini)\.Classic|(macaron)\.(?:New|Classic))$/;

const NAMES: Record<string, string> = table({ gin: 'gin', echo: 'echo', chi: 'chi', mux: 'gorilla', http: 'net/http', httprouter: 'httprouter', fiber: 'fiber', martini: 'martini', macaron: 'macaron' });

export function creatorFramework(m: RegExpExecArray): string {
  return NAMES[m.slice(1).find(Boolean) ?? 'http'];
}

/** A parameter of this type is a router a caller hands in (`r chi.Router`, `g *gin.RouterGroup`, `r api.Router`). */
export const ROUTER_PARAM = /(gin\.(RouterGroup|Engine|IRouter|IRoutes)|echo\.(Echo|Group)|chi\.(Router|Mux)|mux\.Router|http\.ServeMux|httprouter\.Router|fiber\.(App|Router)|macaron\.(Macaron|Router)\b|huma\.API\b|restful\.WebService\b|rest\.Server\b|iris\.(Party|Application)\b|router\.(Party|APIBuilder)\b|\bRouter\b|\bRouterGroup\b|Mux\b)/;

export function frameworkOfImport(p: string): string | undefined {
  if (/gin-gonic\/gin$/.test(p)) return 'gin';
  if (/labstack\/echo(\/v\d+)?$/.test(p)) return 'echo';
  if (/go-chi\/chi(\/v\d+)?$/.test(p)) return 'chi';
  if (/gorilla\/mux$/.test(p)) return 'gorilla';
  if (/julienschmidt\/httprouter$/.test(p)) return 'httprouter';
  if (/gofiber\/fiber(\/v\d+)?$/.test(p)) return 'fiber';
  if (/^gopkg\.in\/macaron\.v1$|go-macaron\/macaron$/.test(p)) return 'macaron';
  if (isFasthttpRouterImport(p)) return FASTHTTP_ROUTER;
  if (isGoZeroRestImport(p)) return GO_ZERO;
  if (isGoRestfulImport(p)) return GO_RESTFUL;
  if (isIrisImport(p)) return IRIS;
  return undefined;
}

export interface KnownGuard {
  kind: 'authentication' | 'authorization';
  reason: string;
  /** A check that refuses only where the caller ends the request on its error (a handler's call, verdict.ts). */
  whenErrorEnds?: true;
}

/** A function from another module (`ext:import/path#Name` or a method on its type): a known guard, known not to be one, or undefined. */
export function knownExternal(importPath: string, name: string): KnownGuard | 'none' | undefined {
  const id = `${importPath}#${name}`;
  const iris = knownIris(id);
  if (iris) return iris;
  if (/appleboy\/gin-jwt(\/v\d+)?#(GinJWTMiddleware\.)?MiddlewareFunc$/.test(id)) return { kind: 'authentication', reason: 'gin-jwt MiddlewareFunc refuses requests without a valid JWT (401)' };
  if (/appleboy\/gin-jwt(\/v\d+)?#(GinJWTMiddleware\.)?RefreshHandler$/.test(id)) return { kind: 'authentication', reason: 'gin-jwt RefreshHandler refuses requests without a valid, refreshable JWT (401)' };
  if (/appleboy\/gin-jwt(\/v\d+)?#(GinJWTMiddleware\.)?(LoginHandler|LogoutHandler)$/.test(id)) return 'none';
  if (/go-chi\/jwtauth(\/v\d+)?#Authenticator/.test(id)) return { kind: 'authentication', reason: 'jwtauth.Authenticator refuses requests without a verified token (401)' };
  if (/go-chi\/jwtauth(\/v\d+)?#Verif/.test(id)) return 'none';
  if (/labstack\/echo-jwt(\/v\d+)?#(JWT|WithConfig)$|labstack\/echo(\/v\d+)?\/middleware#(JWT|JWTWithConfig|KeyAuth|KeyAuthWithConfig|BasicAuth|BasicAuthWithConfig)$/.test(id)) return { kind: 'authentication', reason: `echo ${name} middleware refuses unauthenticated requests (401)` };
  if (/gin-gonic\/gin#(BasicAuth|BasicAuthForRealm)$/.test(id)) return { kind: 'authentication', reason: 'gin.BasicAuth refuses requests without valid credentials (401)' };
  if (/go-chi\/chi(\/v\d+)?\/middleware#BasicAuth$/.test(id)) return { kind: 'authentication', reason: 'chi middleware.BasicAuth refuses requests without valid credentials (401)' };
  // zhttp's auth.Add loads the user a cookie names into the context and lets a request without one through ("No cookie, no problem!", auth/auth.go): no guard.
  if (/^zgo\.at\/zhttp\/auth#Add$/.test(id)) return 'none';
  // fosite and its fork oauthelia2: the token, introspection, revocation, pushed-authorization and device-authorization
  // requests authenticate the OAuth client first (client_secret_basic/post, private_key_jwt…) and fail with invalid_client (401).
  if (/^(github\.com\/ory\/fosite|authelia\.com\/provider\/oauth2)#(\w+\.)?New(Access|Introspection|Revocation|PushedAuthorize|DeviceAuthorize|RFC\d+DeviceAuthorize)Request$/.test(id)) return { kind: 'authentication', reason: `the OAuth 2.0 library authenticates the client while reading the request (${name.replace(/^\w+\./, '')}; invalid_client, 401)` };
  if (/^(github\.com\/ory\/fosite|authelia\.com\/provider\/oauth2)#(\w+\.)?IntrospectToken$/.test(id)) return { kind: 'authentication', reason: 'the OAuth 2.0 library validates the access token, and its failure ends the request', whenErrorEnds: true };
  // go-zero's `rest.WithJwt(secret)` / `WithJwtTransition(secret, prev)` on AddRoutes: its authorize handler answers 401 for a missing or bad token (goZero.ts).
  if (/^github\.com\/zeromicro\/go-zero\/rest#WithJwt(Transition)?$/.test(id)) return { kind: 'authentication', reason: `go-zero rest.${name} refuses requests without a valid JWT (401)` };
  if (/auth0\/go-jwt-middleware.*#CheckJWT$/.test(id)) return { kind: 'authentication', reason: 'go-jwt-middleware CheckJWT refuses requests without a valid JWT (401)' };
  // Macaron's own middleware and its go-macaron companions load sessions, CSRF tokens, locales, caches and forms; none refuses a caller for who it is.
  if (/^gopkg\.in\/macaron\.v1#(Logger|Recovery|Static|Statics|Renderer|Renderers)$|^github\.com\/go-macaron\/(session|csrf|binding|gzip|i18n|cache|captcha|toolbox)#/.test(id)) return 'none';
  // gorilla/csrf's Protect refuses a forged unsafe request (403 without the form's token), whoever sends it: no auth.
  if (/^github\.com\/gorilla\/csrf#Protect$/.test(id)) return 'none';
  // go-restful's own filters (CORS, the container's OPTIONS answer, the compressor) refuse nobody.
  if (/^github\.com\/emicklei\/go-restful(\/v\d+)?#/.test(id)) return 'none';
  // gin-contrib/sessions attaches a session store to the context; it refuses nobody.
  if (/gin-gonic\/gin#(Logger|LoggerWithFormatter|LoggerWithConfig|Recovery|CustomRecovery\w*)$|go-chi\/chi(\/v\d+)?\/middleware#|labstack\/echo(\/v\d+)?\/middleware#|gorilla\/handlers#|prometheus|otel|opentelemetry|go-chi\/cors|rs\/cors|gin-contrib\/(cors|gzip|static|pprof|sessions)/.test(id)) return 'none';
  return undefined;
}

/**
 * A library's middleware that refuses only under configuration we do not read: why, or undefined.
 * go-zero's `rest.WithSignature(conf)` checks request signatures only when the server has keys, and
 * refuses an unsigned request (403) only when `Strict` is set; otherwise it lets it through.
 */
export function undecidedExternal(importPath: string, name: string): string | undefined {
  if (/^github\.com\/zeromicro\/go-zero\/rest#WithSignature$/.test(`${importPath}#${name}`)) return 'go-zero checks request signatures only when the server has keys and refuses unsigned requests only when Strict is set: depends on configuration';
  return undefined;
}
