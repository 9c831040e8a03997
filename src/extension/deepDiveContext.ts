import * as vscode from 'vscode';
import { DeepDiveError } from '../core/errors';
import { WorkspaceModel } from './workspace/workspaceModel';

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

  private readonly models = new Map<string, WorkspaceModel>();

  /** The model of a workspace folder, created on first use. */
  modelFor(folder: vscode.WorkspaceFolder): WorkspaceModel {
    const key = folder.uri.toString();
    let model = this.models.get(key);
    if (!model) {
      model = this.own(new WorkspaceModel(this, folder));
      this.models.set(key, model);
    }
    return model;
  }

  /**
   * The model commands act on: the folder of the active editor, else the first folder that
   * has an active deep dive, else the first folder. Throws a one-line reason without a folder.
   */
  model(): WorkspaceModel {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) throw new DeepDiveError('open a folder first: a deep dive lives in a workspace folder');
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    const editorFolder = editorUri && vscode.workspace.getWorkspaceFolder(editorUri);
    if (editorFolder) return this.modelFor(editorFolder);
    if (folders.length > 1) {
      const withDive = folders.map((f) => this.modelFor(f)).find((m) => m.dive);
      if (withDive) return withDive;
    }
    return this.modelFor(folders[0]);
  }

  /** Models already created (views iterate these without creating new ones). */
  get existingModels(): WorkspaceModel[] {
    return [...this.models.values()];
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
