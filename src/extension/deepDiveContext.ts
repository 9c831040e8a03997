import * as vscode from 'vscode';

/**
 * The one object that owns everything the extension creates: every disposable is pushed
 * here, and services are created lazily on first use so that activation stays cheap.
 */
export class DeepDiveContext implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly services = new Map<string, unknown>();
  private logChannel: vscode.LogOutputChannel | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {}

  /** The workspace folder deep dives live in (the first one; multi-root picks per command). */
  get folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  get root(): string | undefined {
    return this.folder?.uri.fsPath;
  }

  get log(): vscode.LogOutputChannel {
    this.logChannel ??= this.own(vscode.window.createOutputChannel('Deep Dive', { log: true }));
    return this.logChannel;
  }

  /** Registers a disposable with the extension's lifetime and returns it. */
  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** A service created on first use and kept for the extension's lifetime. */
  service<T>(key: string, create: () => T): T {
    if (!this.services.has(key)) {
      const value = create();
      this.services.set(key, value);
      if (value && typeof (value as Partial<vscode.Disposable>).dispose === 'function') this.own(value as unknown as vscode.Disposable);
    }
    return this.services.get(key) as T;
  }

  setContext(key: string, value: unknown): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    while (this.disposables.length) {
      try {
        this.disposables.pop()?.dispose();
      } catch (err) {
        console.error('Deep Dive: dispose failed', err);
      }
    }
  }
}
