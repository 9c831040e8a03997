// Registrations a deployment never makes: code under a test that the process runs in development
// (`if (process.env.NODE_ENV == "development") SwaggerModule.setup(…)`). Labels take routes as a
// deployed service serves them (its image and process manager run with NODE_ENV=production), as
// they do for a route registered only in production. Only a literal comparison of NODE_ENV with a
// development or production name decides; anything else (a setting, a flag) is not read here.
import type { Node } from 'web-tree-sitter';

const ENV = String.raw`process\.env(?:\.NODE_ENV|\[\s*['"]NODE_ENV['"]\s*\])`;
const DEV = String.raw`['"\x60](?:development|dev|test|local)['"\x60]`;
const PROD = String.raw`['"\x60](?:production|prod)['"\x60]`;
/** The test holds only outside production: `NODE_ENV === 'development'`, `NODE_ENV !== 'production'` (either side first). */
const DEV_TEST = new RegExp(String.raw`^\(?\s*(?:${ENV}\s*===?\s*${DEV}|${DEV}\s*===?\s*${ENV}|${ENV}\s*!==?\s*${PROD}|${PROD}\s*!==?\s*${ENV})\s*\)?$`);
/** The test holds only in production: its else branch is development-only. */
const PROD_TEST = new RegExp(String.raw`^\(?\s*(?:${ENV}\s*===?\s*${PROD}|${PROD}\s*===?\s*${ENV})\s*\)?$`);

/** Whether `node` sits in a branch of an `if` that a production process never takes. */
export function devOnly(node: Node): boolean {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition')?.text.replace(/^\((.*)\)$/s, '$1').trim() ?? '';
    const inThen = p.childForFieldName('consequence')?.id === child.id;
    const inElse = p.childForFieldName('alternative')?.id === child.id;
    if ((inThen && DEV_TEST.test(cond)) || (inElse && PROD_TEST.test(cond))) return true;
  }
  return false;
}
