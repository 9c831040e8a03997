import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

describe('start a deep dive', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

  before(async () => {
    await vscode.extensions.getExtension('deep-dive.deep-dive')!.activate();
  });

  it('writes .deepdive/<id>.json with the template questions and makes it active', async () => {
    const id = await vscode.commands.executeCommand<string>('deepDive.start', {
      title: 'Auth and sessions, integration',
      include: ['src/**'],
      due: '2030-01-31',
      template: 'auth-service',
    });
    assert.strictEqual(id, 'auth-and-sessions-integration');
    const file = path.join(root(), '.deepdive', `${id}.json`);
    const dive = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.strictEqual(dive.schema, 'deepdive/1');
    assert.deepStrictEqual(dive.scope.include, ['src/**']);
    assert.strictEqual(dive.due, '2030-01-31');
    assert.ok(dive.questions.length >= 8, `${dive.questions.length} questions`);
    assert.strictEqual(fs.readFileSync(path.join(root(), '.deepdive', 'cache', 'active'), 'utf8').trim(), id);
  });

  it('maps the system in scope', async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; modules: number; lines: number }>('deepDive.mapSystem');
    assert.ok(summary, 'mapSystem returned a summary (it shows an error message when mapping fails)');
    const onDisk = fs.readdirSync(path.join(root(), 'src'), { recursive: true }).filter((f) => String(f).endsWith('.ts') && !String(f).endsWith('.d.ts')).length;
    assert.strictEqual(summary.files, onDisk, 'every TypeScript file under src/ is mapped (declaration files carry no code to read)');
    assert.ok(summary.modules >= 5, `${summary.modules} modules`);
  });
});
