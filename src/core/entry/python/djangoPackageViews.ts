// Class views of packages (outside the repository) mounted with `.as_view()` whose access rule is
// known without their source: drf-spectacular's schema and documentation views take their
// permission classes from SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"] (default AllowAny); allauth's
// sign-up and recovery pages answer anyone; simplejwt's token views take the credentials they
// check in the body. A package class view we know nothing about is none of these: the linker
// says unknown for it.
import type { Guard } from '../types';
import type { PyDecorator } from '../djangoViews';
import { permissionGuards } from './djangoParts';

/** django-allauth's sign-up and recovery pages: reached before any sign-in, so open (every method, as the package decides). */
const ALLAUTH_OPEN = /^(ConfirmEmailView|SignupView|PasswordResetFromKeyView|PasswordResetFromKeyDoneView|EmailVerificationSentView|AccountInactiveView|RequestLoginCodeView|ConfirmLoginCodeView)$/;

/** djangorestframework-simplejwt's token views and DRF's ObtainAuthToken: POST only, no permission or authentication classes (the credentials are in the body). */
const TOKEN_VIEWS = /^(Token(Obtain(Pair|Sliding)?|Refresh(Sliding)?|Verify|Blacklist)View|ObtainAuthToken)$/;

/** drf-spectacular's views: all answer GET only. */
const SPECTACULAR = /^Spectacular(API|JSONAPI|YAMLAPI|SwaggerSplit|Swagger|Redoc)View$/;

/** `"SERVE_PERMISSIONS": [...]` in a settings module (inside SPECTACULAR_SETTINGS), where it is written. */
export function servePermissions(text: string, file: string): (PyDecorator & { file: string }) | undefined {
  const m = /['"]SERVE_PERMISSIONS['"]\s*:\s*([[(][^\])]*[\])])/.exec(text);
  return m ? { text: m[1].replace(/\s+/g, ' '), line: text.slice(0, m.index).split('\n').length, file } : undefined;
}

/**
 * The methods and guards of a known package view, or undefined when the class is not one we know.
 * `serve`: SERVE_PERMISSIONS as the settings write it; absent, drf-spectacular's default AllowAny.
 */
export function packageViewRoutes(name: string, serve: (PyDecorator & { file: string }) | undefined): { methods: string[]; guards: Guard[] } | undefined {
  if (ALLAUTH_OPEN.test(name)) return { methods: ['ANY'], guards: [] };
  if (TOKEN_VIEWS.test(name)) return { methods: ['POST'], guards: [] };
  if (!SPECTACULAR.test(name)) return undefined;
  const guards = serve ? permissionGuards(serve.text, serve.file, serve.line, 'SPECTACULAR_SETTINGS SERVE_PERMISSIONS (drf-spectacular view)', 'GET') : [];
  return { methods: ['GET'], guards };
}
