import * as vscode from 'vscode';
import type { NoteKind, Severity } from '../../core/model/types';
import { NOTE_KINDS, SEVERITIES } from '../../core/model/types';

export const KIND_ICONS: Record<NoteKind, string> = {
  decision: 'law',
  gap: 'debug-disconnect',
  risk: 'warning',
  question: 'question',
  insight: 'lightbulb',
};

const KIND_HELP: Record<NoteKind, string> = {
  decision: 'A choice someone made, and why (or why it no longer holds)',
  gap: 'Something missing: a check, a test, a control',
  risk: 'Something that can go wrong, and what it would cost',
  question: 'Something to ask the people who built it',
  insight: 'Something worth knowing about how it works',
};

export const KIND_TITLES: Record<NoteKind, string> = {
  decision: 'Decision',
  gap: 'Gap',
  risk: 'Risk',
  question: 'Question',
  insight: 'Insight',
};

/** Theme colour id per severity, declared in package.json contributes.colors. */
export const SEVERITY_COLORS: Record<Severity, string> = {
  low: 'deepDive.severityLow',
  medium: 'deepDive.severityMedium',
  high: 'deepDive.severityHigh',
  critical: 'deepDive.severityCritical',
};

export function threadLabel(kind: NoteKind, severity: Severity | undefined, resolved: boolean): string {
  return `${KIND_TITLES[kind]}${severity ? ` · ${severity}` : ''}${resolved ? ' · resolved' : ''}`;
}

export async function pickKind(step: string): Promise<NoteKind | undefined> {
  const pick = await vscode.window.showQuickPick(
    NOTE_KINDS.map((k) => ({ label: `$(${KIND_ICONS[k]}) ${KIND_TITLES[k]}`, detail: KIND_HELP[k], value: k })),
    { title: `Add Note (${step}): kind`, placeHolder: 'What kind of finding is it?', ignoreFocusOut: true },
  );
  return pick?.value;
}

/** Undefined when cancelled; null for "no severity". */
export async function pickSeverity(step: string): Promise<Severity | null | undefined> {
  const items: (vscode.QuickPickItem & { value: Severity | null })[] = [
    ...[...SEVERITIES].reverse().map((s) => ({ label: s, value: s as Severity | null })),
    { label: 'none', description: 'not a finding with a severity', value: null },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: `Add Note (${step}): severity`, ignoreFocusOut: true });
  return pick ? pick.value : undefined;
}

export async function askBody(step: string, value = ''): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `Add Note (${step}): note`,
    prompt: 'Markdown. What did you find?',
    value,
    validateInput: (v) => (v.trim() ? undefined : 'A note needs some text'),
    ignoreFocusOut: true,
  });
}

export async function askImpact(step: string, value = ''): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `${step}: business impact (optional)`,
    prompt: 'What this means for the business, in a sentence a board member reads. Empty: none.',
    value,
    ignoreFocusOut: true,
  });
}
