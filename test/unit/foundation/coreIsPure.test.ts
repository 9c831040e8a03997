import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('the core is pure', () => {
  it('no file under src/core imports vscode or the adapters', () => {
    const offenders: string[] = [];
    for (const file of tsFiles(path.join(repo, 'src', 'core'))) {
      const text = fs.readFileSync(file, 'utf8');
      if (/from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(text)) offenders.push(path.relative(repo, file));
      if (/from\s+['"](\.\.\/)+(extension|cli)\//.test(text)) offenders.push(path.relative(repo, file));
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('the core tsconfig maps vscode to a module that exports nothing', () => {
    const stub = fs.readFileSync(path.join(repo, 'src', 'core', 'vscodeIsForbiddenInCore.d.ts'), 'utf8');
    assert.match(stub, /export \{\};/);
    const tsconfig = fs.readFileSync(path.join(repo, 'src', 'core', 'tsconfig.json'), 'utf8');
    assert.match(tsconfig, /"vscode": \["\.\/vscodeIsForbiddenInCore\.d\.ts"\]/);
    assert.match(tsconfig, /"types": \["node"\]/);
  });
});

describe('the manifest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));

  it('never activates while the window starts; after start-up only (to open the view once per install)', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(pkg.activationEvents.includes('onStartupFinished'));
    const extension = fs.readFileSync(path.join(repo, 'src', 'extension', 'firstLaunch.ts'), 'utf8');
    assert.match(extension, /state\.get<boolean>\(SHOWN_KEY\)/, 'the view opens once, remembered');
  });

  it('pins the VS Code it runs in and the types that match it', () => {
    assert.strictEqual(pkg.engines.vscode, '^1.100.0');
    assert.strictEqual(pkg.devDependencies['@types/vscode'], '1.100.0');
  });

  it('ships a deepdive bin and every script the README names', () => {
    assert.strictEqual(pkg.bin.deepdive, './dist/cli.js');
    for (const s of ['build', 'test', 'bench', 'package', 'start']) assert.ok(pkg.scripts[s], s);
  });

  it('.vscodeignore is an allow-list', () => {
    const lines = fs.readFileSync(path.join(repo, '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    assert.strictEqual(lines[0], '**');
    assert.ok(lines.slice(1).every((l) => l.startsWith('!')), 'after "**" only re-includes');
    assert.ok(!lines.some((l) => /src|test|node_modules/.test(l)), 'no sources, tests or node_modules in the .vsix');
  });
});
