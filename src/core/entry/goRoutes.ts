// Go HTTP routes: facts per file (go/extract.ts), linked across packages (go/link.ts), with
// guard verdicts read from the middleware's own code (go/verdict.ts). This file is the door
// findEntryPoints uses.
export { extractGo as detectGoRoutes } from './go/extract';
export { linkGo } from './go/link';
export type { GoFileFacts } from './go/types';
