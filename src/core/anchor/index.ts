// Anchors that survive change: capture a range's text, context and symbol, find it again later.
export { createAnchor, enclosingSymbol, CONTEXT_LINES } from './createAnchor';
export { reanchor, refreshAnchor } from './reanchor';
export type { AnchorFile, AnchorMethod, AnchorStatus, ReanchorOptions, ReanchorResult } from './types';
