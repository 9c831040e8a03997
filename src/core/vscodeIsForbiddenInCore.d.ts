// src/core must never use the VS Code API. tsconfig maps 'vscode' here, and this module
// exports nothing, so `vscode.anything` fails to type-check inside the core.
export {};
