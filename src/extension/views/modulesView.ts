import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DeepDiveContext } from '../deepDiveContext';
import type { Reading } from '../reading/index';
import type { CoverageService } from '../reading/coverageService';
import { coverageDescription, formatSeconds, readState, stateIcon } from './coverageText';
import { readingOf } from '../../core/dive/reading';

export type ModulesNode =
  | { kind: 'module'; id: string; dir: string; uri: vscode.Uri }
  | { kind: 'folder'; module: string; dir: string; uri: vscode.Uri }
  | { kind: 'file'; path: string; uri: vscode.Uri }
  | { kind: 'info'; label: string };

/**
 * Modules view: module → folder → file, with coverage on every node. Children are computed when
 * a node is expanded, from the map's file list and the coverage cache (no file is read here).
 */
export class ModulesView implements vscode.TreeDataProvider<ModulesNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ModulesNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private timer: NodeJS.Timeout | undefined;
  /** The tree this provider feeds (set by registerViews), so that others can reveal a module in it. */
  tree: vscode.TreeView<ModulesNode> | undefined;

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly reading: Reading,
  ) {}

  /** Re-renders soon (coalesces bursts of coverage changes). */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.emitter.fire(undefined), 150);
  }

  private cov(): CoverageService | undefined {
    const cov = this.reading.current();
    return cov?.dive ? cov : undefined;
  }

  /** Files by module, once per file list: each of a big service's 384 module rows filtered all 2,000 files (27 ms of the host). */
  private byModule = new WeakMap<CoverageService['files'], Map<string, string[]>>();

  private filesOfModule(cov: CoverageService, module: string): string[] {
    let index = this.byModule.get(cov.files);
    if (!index) {
      index = new Map();
      for (const f of cov.files) {
        const list = index.get(f.module);
        if (list) list.push(f.path);
        else index.set(f.module, [f.path]);
      }
      this.byModule.set(cov.files, index);
    }
    return index.get(module) ?? [];
  }

  private filesUnder(cov: CoverageService, node: ModulesNode): string[] {
    switch (node.kind) {
      case 'module':
        return this.filesOfModule(cov, node.id);
      case 'folder':
        return cov.files.filter((f) => f.module === node.module && f.path.startsWith(`${node.dir}/`)).map((f) => f.path);
      case 'file':
        return [node.path];
      default:
        return [];
    }
  }

  getChildren(node?: ModulesNode): ModulesNode[] {
    const cov = this.cov();
    if (!cov) return [];
    if (!cov.map) {
      void cov.model.map().catch(() => undefined);
      return node ? [] : [{ kind: 'info', label: 'Mapping the system…' }];
    }
    const root = cov.model.folder.uri;
    const uriOf = (rel: string) => (rel ? vscode.Uri.joinPath(root, ...rel.split('/')) : root);
    if (!node) {
      const used = new Set(cov.files.map((f) => f.module));
      const modules = cov.map.modules.filter((m) => m.kind !== 'external' && used.has(m.id));
      if (!modules.length) return [{ kind: 'info', label: 'No files in scope' }];
      return modules.map((m) => ({ kind: 'module', id: m.id, dir: m.path, uri: uriOf(m.path) }));
    }
    if (node.kind === 'file' || node.kind === 'info') return [];
    const module = node.kind === 'module' ? node.id : node.module;
    const dir = node.dir;
    const prefix = dir ? `${dir}/` : '';
    const folders = new Set<string>();
    const files: string[] = [];
    for (const f of cov.files) {
      if (f.module !== module || !f.path.startsWith(prefix)) continue;
      const rest = f.path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) files.push(f.path);
      else folders.add(rest.slice(0, slash));
    }
    const out: ModulesNode[] = [...folders].sort().map((name) => ({ kind: 'folder', module, dir: prefix + name, uri: uriOf(prefix + name) }));
    for (const p of files.sort()) out.push({ kind: 'file', path: p, uri: uriOf(p) });
    return out;
  }

  getTreeItem(node: ModulesNode): vscode.TreeItem {
    const cov = this.cov();
    if (node.kind === 'info' || !cov) {
      const item = new vscode.TreeItem(node.kind === 'info' ? node.label : '');
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    if (node.kind === 'file') {
      const c = cov.coverage(node.path);
      const item = new vscode.TreeItem(path.posix.basename(node.path), vscode.TreeItemCollapsibleState.None);
      item.id = `file:${node.path}`;
      item.resourceUri = node.uri;
      const state = c ? readState(c) : 'unread';
      item.description = c ? coverageDescription(c) : '';
      item.iconPath = stateIcon(state);
      item.contextValue = `deepDive.file.${state}`;
      item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri] };
      return item;
    }
    const s = cov.sum(this.filesUnder(cov, node));
    const label = node.kind === 'module' ? node.id : path.posix.basename(node.dir);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${node.kind}:${node.kind === 'module' ? node.id : `${node.module}:${node.dir}`}`;
    item.description = coverageDescription(s);
    const state = readState(s);
    item.iconPath = node.kind === 'module' ? new vscode.ThemeIcon('package', state === 'read' ? new vscode.ThemeColor('deepDive.fullyRead') : undefined) : vscode.ThemeIcon.Folder;
    if (node.kind === 'folder') item.resourceUri = node.uri;
    item.contextValue = `deepDive.${node.kind}.${state}`;
    return item;
  }

  /** Tooltips are built only when the reader hovers. */
  resolveTreeItem(item: vscode.TreeItem, node: ModulesNode): vscode.TreeItem {
    const cov = this.cov();
    if (!cov || node.kind === 'info') return item;
    const md = new vscode.MarkdownString(undefined, true);
    if (node.kind === 'file') {
      const c = cov.coverage(node.path);
      md.appendMarkdown(`**${node.path}**\n\n`);
      if (c) {
        md.appendMarkdown(`${c.read}/${c.lines} code lines read (${c.percent}%)`);
        if (c.seconds) md.appendMarkdown(` · ${formatSeconds(c.seconds)} on screen`);
        const last = readingOf(cov.dive, node.path)?.lastRead;
        if (last) md.appendMarkdown(`\n\nlast read ${last.slice(0, 10)}`);
        const changed = c.stale.filter((x) => x.reason === 'changed');
        if (changed.length) md.appendMarkdown(`\n\n$(diff-modified) changed since read: ${changed.map((x) => `\`${x.symbol}\``).join(', ')}`);
      }
    } else {
      const s = cov.sum(this.filesUnder(cov, node));
      md.appendMarkdown(`**${node.kind === 'module' ? `module ${node.id}` : node.dir}**\n\n`);
      md.appendMarkdown(`${s.read}/${s.lines} code lines read (${s.percent}%) · ${s.filesRead}/${s.files} files fully read`);
      if (s.stale) md.appendMarkdown(`\n\n$(diff-modified) ${s.stale} file${s.stale > 1 ? 's' : ''} changed since read`);
    }
    item.tooltip = md;
    return item;
  }

  /** Shows the view and selects the module (the module map's click); false when the view does not list it. */
  async reveal(moduleId: string): Promise<boolean> {
    const node = this.getChildren().find((n) => n.kind === 'module' && n.id === moduleId);
    if (!node || !this.tree) return false;
    await this.tree.reveal(node, { select: true, focus: false, expand: true });
    return true;
  }

  getParent(node: ModulesNode): ModulesNode | undefined {
    const cov = this.cov();
    if (!cov?.map || node.kind === 'module' || node.kind === 'info') return undefined;
    const root = cov.model.folder.uri;
    const module = node.kind === 'folder' ? node.module : cov.info(node.path)?.module;
    const m = cov.map.modules.find((x) => x.id === module);
    if (!m) return undefined;
    const p = node.kind === 'folder' ? node.dir : node.path;
    const parentDir = path.posix.dirname(p);
    if (parentDir === m.path || parentDir === '.' || !parentDir.startsWith(m.path ? `${m.path}/` : '')) {
      return { kind: 'module', id: m.id, dir: m.path, uri: m.path ? vscode.Uri.joinPath(root, ...m.path.split('/')) : root };
    }
    return { kind: 'folder', module: m.id, dir: parentDir, uri: vscode.Uri.joinPath(root, ...parentDir.split('/')) };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
