import type * as vscode from 'vscode';
import type { CommandHandler } from '../commandTable';
import type { AddNoteArgs } from './noteCommands';
import {
  addNoteCommand,
  answerQuestion,
  cancelEdit,
  cancelNewThread,
  createFromThread,
  deleteCommand,
  editImpact,
  linkQuestion,
  reattachCommand,
  replyCommand,
  revealNote,
  saveEdit,
  setResolved,
  startEdit,
} from './noteCommands';
import type { NoteComment } from './noteThreads';

/** The notes' entries of the command table (src/extension/commands/index.ts spreads them). */
export const NOTE_COMMANDS: Record<string, CommandHandler> = {
  'deepDive.addNote': (ctx, args) => addNoteCommand(ctx, (args as AddNoteArgs | undefined) ?? {}),
  'deepDive.answerQuestion': (ctx, question, args) => answerQuestion(ctx, question, (args as AddNoteArgs | undefined) ?? {}),
  'deepDive.notes.createFromThread': (ctx, reply, args) => createFromThread(ctx, reply as vscode.CommentReply, (args as AddNoteArgs | undefined) ?? {}),
  'deepDive.notes.cancelNewThread': (ctx, reply) => cancelNewThread(ctx, reply as vscode.CommentReply),
  'deepDive.notes.reply': (ctx, reply) => replyCommand(ctx, reply as vscode.CommentReply),
  'deepDive.notes.edit': (ctx, comment) => startEdit(ctx, comment as NoteComment),
  'deepDive.notes.saveEdit': (ctx, comment) => saveEdit(ctx, comment as NoteComment),
  'deepDive.notes.cancelEdit': (ctx, comment) => cancelEdit(ctx, comment as NoteComment),
  'deepDive.notes.resolve': (ctx, note) => setResolved(ctx, note, true),
  'deepDive.notes.reopen': (ctx, note) => setResolved(ctx, note, false),
  'deepDive.notes.delete': (ctx, note, opts) => deleteCommand(ctx, note, opts as { confirmed?: boolean } | undefined),
  'deepDive.notes.reattach': (ctx, note) => reattachCommand(ctx, note),
  'deepDive.notes.reveal': (ctx, note) => revealNote(ctx, note),
  'deepDive.notes.editImpact': (ctx, note, impact) => editImpact(ctx, note, impact as string | undefined),
  'deepDive.notes.linkQuestion': (ctx, note, question) => linkQuestion(ctx, note, question as string | undefined),
};
