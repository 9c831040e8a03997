import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { DeepDiveError } from '../../core/errors';
import { resolveInside } from '../../core/paths';
import { parsePreviousReport } from '../../core/report/compare';
import type { ReportFormat } from '../../core/report/render';
import { REPORT_FORMATS, renderReport, withComparison } from '../../core/report/render';
import type { ReportData } from '../../core/report/types';
import type { DeepDiveContext } from '../deepDiveContext';
import { askVerdict, writeVerdict } from './planCommands';
import { dirtyBuffers } from '../workspace/dirtyBuffers';

const FORMAT_ITEMS: (vscode.QuickPickItem & { format: ReportFormat })[] = [
  { label: '$(markdown) Markdown', description: 'renders on GitHub, diagrams in Mermaid', format: 'md' },
  { label: '$(globe) HTML', description: 'one self-contained file, print to PDF', format: 'html' },
  { label: '$(json) JSON', description: 'all the data, for other tools and --compare', format: 'json' },
  { label: '$(shield) SARIF', description: 'the notes on code as SARIF 2.1.0, for code scanning', format: 'sarif' },
];

/** Gathers the report of the active deep dive with progress, in the folder's analysis worker. */
export async function gather(ctx: DeepDiveContext): Promise<ReportData> {
  const model = ctx.model();
  const dive = model.dive;
  if (!dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  await model.map();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Deep Dive: writing the report' }, (progress) =>
    model.analysis.report({ overlay: dirtyBuffers(model.root), dive, trusted: vscode.workspace.isTrusted, generator: 'Deep Dive for VS Code' }, (step) => progress.report({ message: step })),
  );
}

export interface ExportArgs {
  format?: ReportFormat;
  /** Where to write (skips the save dialog). */
  uri?: vscode.Uri;
  /** An earlier report's JSON to compare with. */
  compare?: vscode.Uri;
  /** Do not open the result (tests). */
  noOpen?: boolean;
}

export async function exportReport(ctx: DeepDiveContext, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  const model = ctx.model();
  if (!model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  let format = args.format;
  if (format !== undefined && !(REPORT_FORMATS as readonly string[]).includes(format)) throw new DeepDiveError(`unknown format '${String(format)}' (expected one of: ${REPORT_FORMATS.join(', ')})`);
  if (!format) format = (await vscode.window.showQuickPick(FORMAT_ITEMS, { title: 'Export the deep-dive report as', placeHolder: 'Format' }))?.format;
  if (!format) return undefined;
  const target =
    args.uri ??
    (await vscode.window.showSaveDialog({
      title: 'Save the deep-dive report',
      defaultUri: vscode.Uri.joinPath(model.folder.uri, `deep-dive-report-${model.dive.id}.${format}`),
      filters: { [format.toUpperCase()]: [format] },
    }));
  if (!target) return undefined;
  let previous: ReportData | undefined;
  if (args.compare) previous = parsePreviousReport(Buffer.from(await vscode.workspace.fs.readFile(args.compare)).toString('utf8'), vscode.workspace.asRelativePath(args.compare));
  let data = await gather(ctx);
  // The verdict is the leader's: asked for (with the draft) when exporting interactively without one.
  if (!args.uri && format !== 'json' && format !== 'sarif' && data.verdict?.source === 'draft') {
    const text = await askVerdict(data);
    if (text !== undefined) {
      await writeVerdict(ctx, text, async () => data);
      data = await gather(ctx);
    }
  }
  data = withComparison(data, previous);
  const text = await renderReport(data, format, format === 'sarif' ? { readText: (rel) => readInside(model.root, rel), toolVersion: String(ctx.extension.extension.packageJSON?.version ?? '') || undefined } : {});
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  ctx.log.info(`report written to ${target.fsPath} (${format}, ${text.length} bytes)`);
  if (!args.noOpen) {
    if (format === 'html') await previewReport(ctx, data);
    else await vscode.window.showTextDocument(target, { preview: false });
  }
  return target;
}

let previewPanel: vscode.WebviewPanel | undefined;

/**
 * The HTML report inside the editor: same page, a nonce-only policy, no script at all. Without
 * data, the analysis worker builds and renders it (a big service's report is too much work for
 * this thread).
 */
export async function previewReport(ctx: DeepDiveContext, data?: ReportData): Promise<vscode.WebviewPanel> {
  const model = ctx.model();
  const dive = model.dive;
  if (!data && !dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  const nonce = randomBytes(18).toString('base64').replace(/[+/=]/g, '');
  const panel = () => {
    if (!previewPanel) {
      previewPanel = vscode.window.createWebviewPanel('deepDive.reportPreview', 'Deep Dive Report', vscode.ViewColumn.Active, { enableScripts: false, enableCommandUris: false, localResourceRoots: [] });
      ctx.own(previewPanel.onDidDispose(() => (previewPanel = undefined)));
    }
    return previewPanel;
  };
  const csp = (p: vscode.WebviewPanel) => `default-src 'none'; img-src ${p.webview.cspSource} data:; style-src 'nonce-${nonce}'; script-src 'none'`;
  let page: { title: string; html: string };
  if (data) {
    page = { title: data.dive.title, html: await renderReport(data, 'html', { csp: csp(panel()), styleNonce: nonce }) };
  } else {
    await model.map();
    const p = panel();
    page = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Deep Dive: writing the report' }, (progress) =>
      model.analysis.preview({ overlay: dirtyBuffers(model.root), dive: dive!, trusted: vscode.workspace.isTrusted, generator: 'Deep Dive for VS Code', csp: csp(p), styleNonce: nonce }, (step) => progress.report({ message: step })),
    );
  }
  const p = panel();
  p.title = `Report: ${page.title}`;
  p.webview.html = page.html;
  p.reveal();
  return p;
}

/** For tests: the preview's current HTML. */
export function previewHtml(): string | undefined {
  return previewPanel?.webview.html;
}

/** Today's text of a root-relative file, for SARIF regions; undefined when gone. */
function readInside(root: string, rel: string): string | undefined {
  try {
    return fs.readFileSync(resolveInside(root, rel), 'utf8');
  } catch {
    return undefined;
  }
}

export function readPreviousSync(path: string): ReportData {
  return parsePreviousReport(fs.readFileSync(path, 'utf8'), path);
}
