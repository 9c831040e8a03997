// Notes and flows: pure operations on the deep-dive model, and where their anchors are now.
export * from './noteOps';
export * from './flowOps';
export { resolveNoteLocations, resolveStepLocations, FileSet } from './locations';
export type { NoteLocation, StepLocation, LocateOptions, ReadText } from './locations';
export { parseCodeLocation } from './codeLocation';
export { parseKind, parseSeverity, parseFlowStatus, findNote, findFlow, findQuestion, FLOW_STATUSES } from './validate';
export { shortId } from './ids';
