// A generated TypeScript/Express service of a chosen size, for the host-responsiveness probe
// (scripts/benchHost.mjs). Real services cannot be shipped in the repository; this one is
// deterministic (no randomness) so two runs map the same code: MODULES feature folders, each
// with a router (auth middleware on half of its routes), a service, a repository and helpers,
// padded with plain functions up to about LINES_PER_FILE lines per file.
import * as fs from 'node:fs';
import * as path from 'node:path';

const LINES_PER_FILE = 290;

function pad(lines, name) {
  let i = 0;
  while (lines.length < LINES_PER_FILE - 8) {
    lines.push('', `export function ${name}Helper${i}(input: number[]): number {`, '  let total = 0;',
      '  for (const value of input) {', `    total += value * ${i + 1};`, '  }', '  return total;', '}');
    i++;
  }
  return lines;
}

function routerFile(mod, routesPerModule) {
  const lines = [
    "import { Router } from 'express';",
    "import { requireAuth } from '../../middleware/auth';",
    `import { ${mod}Service } from './${mod}Service';`,
    '',
    `export const ${mod}Router = Router();`,
    '',
  ];
  for (let r = 0; r < routesPerModule; r++) {
    const method = ['get', 'post', 'put', 'delete'][r % 4];
    const guard = r % 2 === 0 ? 'requireAuth, ' : '';
    lines.push(`${mod}Router.${method}('/item${r}/:id', ${guard}async (req, res) => {`,
      `  const result = await ${mod}Service.handle${r}(String(req.params.id));`, '  res.json(result);', '});', '');
  }
  return pad(lines, `${mod}Router`);
}

function serviceFile(mod, routesPerModule) {
  const lines = [`import { ${mod}Repository } from './${mod}Repository';`, '', `export const ${mod}Service = {`];
  for (let r = 0; r < routesPerModule; r++) lines.push(`  async handle${r}(id: string) { return ${mod}Repository.find${r % 5}(id); },`);
  lines.push('};');
  return pad(lines, `${mod}Service`);
}

function repositoryFile(mod) {
  const lines = ["import { db } from '../../db';", '', `export const ${mod}Repository = {`];
  for (let r = 0; r < 5; r++) lines.push(`  async find${r}(id: string) { return db.query('SELECT * FROM ${mod}_${r} WHERE id = $1', [id]); },`);
  lines.push('};');
  return pad(lines, `${mod}Repository`);
}

/** Writes the service into dir; returns its file and line counts. */
export function writeSyntheticService(dir, { modules = 100, routesPerModule = 10, helpersPerModule = 1 } = {}) {
  const files = new Map();
  files.set('package.json', JSON.stringify({ name: 'synthetic-service', private: true, dependencies: { express: '^4.19.0' } }, null, 2).split('\n'));
  files.set('src/db.ts', ['export const db = {', '  async query(sql: string, params: unknown[]) { return { sql, params }; },', '};']);
  files.set('src/middleware/auth.ts', [
    "import type { Request, Response, NextFunction } from 'express';",
    'export function requireAuth(req: Request, res: Response, next: NextFunction) {',
    "  if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });",
    '  next();',
    '}',
  ]);
  const app = ["import express from 'express';"];
  const mounts = [];
  for (let m = 0; m < modules; m++) {
    const mod = `feature${m}`;
    files.set(`src/features/${mod}/${mod}Router.ts`, routerFile(mod, routesPerModule));
    files.set(`src/features/${mod}/${mod}Service.ts`, serviceFile(mod, routesPerModule));
    files.set(`src/features/${mod}/${mod}Repository.ts`, repositoryFile(mod));
    for (let h = 0; h < helpersPerModule; h++) files.set(`src/features/${mod}/${mod}Util${h}.ts`, pad([], `${mod}Util${h}`));
    app.push(`import { ${mod}Router } from './features/${mod}/${mod}Router';`);
    mounts.push(`app.use('/api/${mod}', ${mod}Router);`);
  }
  app.push('', 'export const app = express();', 'app.use(express.json());', ...mounts, 'app.listen(3000);');
  files.set('src/app.ts', app);
  let lines = 0;
  for (const [rel, content] of files) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content.join('\n') + '\n');
    lines += content.length;
  }
  return { files: files.size, lines, routes: modules * routesPerModule };
}
