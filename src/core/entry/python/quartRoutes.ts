// Quart (https://quart.palletsprojects.com), Flask's API on asyncio (and on trio with quart-trio):
// Flask's machinery (pyRoutes.ts, flaskGuards.ts, flaskGuardJudge.ts, flaskHooks.ts) reads it as
// it reads Flask — `@bp.route("/x", methods=[…])`, `@bp.get`, `register_blueprint(bp, url_prefix=…)`,
// `before_request` hooks, the service's decorators judged by their wrapper's code. What differs:
// - the app is `Quart(__name__)` or quart-trio's `QuartTrio(__name__)`, and `Blueprint` is quart's
//   in a module that imports quart: routes on them are Quart's (`framework: 'quart'`);
// - `@app.websocket("/ws")` / `@bp.websocket(…)` is a route answered on GET (the upgrade);
// - `abort` comes from quart (flaskHooks.ts reads `quart.abort` as `flask.abort`).
// Decorators are async (`async def wrapped(**kw): … return await view(**kw)`): the await is looked
// through where the wrapper's call of the view is found (flaskDelegates.ts).

/** The module imports quart or quart-trio (`from quart import Blueprint`, `import quart`). */
export const importsQuart = (text: string): boolean => /^\s*(from\s+quart(_trio)?(\.\w+)*\s+import\b|import\s+quart(_trio)?\b)/m.test(text);

/** A call that makes a Quart router: the app anywhere, a Blueprint where the module imports quart. */
export function quartCreator(fn: string, quart: boolean): boolean {
  return /^(quart\.)?Quart$|^(quart_trio\.)?QuartTrio$/.test(fn) || (quart && /^(quart\.)?Blueprint$/.test(fn));
}

/** A websocket route decorator: answered on GET. */
export const QUART_WS = 'websocket';

/** Quart routes are read as Flask's: the framework the Flask reading gave, named for Quart in a module that imports it. */
export const quartFramework = (framework: string, quart: boolean): string => (quart && framework === 'flask' ? 'quart' : framework);
