// URL confs that Django and DRF ship, included by name (`include("django.conf.urls.i18n")`): their
// content is the framework's, fixed and known, so they need not stay "out of sight" as a third-party
// package's would. Only confs whose every view serves anonymous callers by design are listed.
import { table } from '../../ownKeys';

export interface OwnUrlconf {
  /** Paths as the conf writes them (joined the way Django joins them); `*` is the whole mount, one route. */
  routes: { method: string; path: string; handler: string }[];
  /** Why nothing guards it. */
  reason: string;
}

export const FRAMEWORK_URLCONFS: Record<string, OwnUrlconf> = table<OwnUrlconf>({
  // path("setlang/", set_language): sets the language cookie of whoever calls.
  'django.conf.urls.i18n': {
    routes: [{ method: 'ANY', path: 'setlang/', handler: 'django.views.i18n.set_language' }],
    reason: "Django's set_language view (django.conf.urls.i18n): switches the language of whoever calls",
  },
  // login/ and logout/ of the browsable API: Django's LoginView and LogoutView, the sign-in itself.
  'rest_framework.urls': {
    routes: [{ method: 'ANY', path: '*', handler: 'include("rest_framework.urls")' }],
    reason: "DRF's browsable-API sign-in and sign-out pages (rest_framework.urls: Django's LoginView and LogoutView): the sign-in flow itself",
  },
});
