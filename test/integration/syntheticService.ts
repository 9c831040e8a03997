// A synthetic TypeScript/Express service of a chosen size, written into a folder: what the
// responsiveness test opens (a real service would have to be fetched; this one is generated in
// a second, the same every time). Each domain has routes (some guarded), a service layer and a
// store that calls the database, so entry points, flows and the report all have work to do.
// Plain Node (no vscode): scripts can call it too.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SyntheticOptions {
  /** Lines to write at least (default 150,000). */
  lines?: number;
  /** Functions per service/store file (default 40: about 300 lines a file). */
  functionsPerFile?: number;
  /** Routes per domain (default 6: about 700 routes in 150k lines, as in a real service). */
  routesPerDomain?: number;
}

function routes(d: number, n: number): string {
  const out = [
    `import { Router } from 'express';`,
    `import type { Request, Response } from 'express';`,
    `import { requireAuth } from '../../middleware/requireAuth';`,
    `import * as service from './service${d}';`,
    ``,
    `export const router${d} = Router();`,
    ``,
  ];
  for (let i = 0; i < n; i++) {
    const guard = i % 3 === 0 ? '' : 'requireAuth, ';
    out.push(
      `// Handles item ${i} of domain ${d}: reads the body, asks the service, answers JSON.`,
      `async function handle${d}x${i}(req: Request, res: Response): Promise<void> {`,
      `  const id = String(req.params.id ?? '');`,
      `  if (!id) {`,
      `    res.status(400).json({ error: 'id is required' });`,
      `    return;`,
      `  }`,
      `  const result = await service.step${d}x${i}(id, req.body ?? {});`,
      `  res.json({ id, result });`,
      `}`,
      `router${d}.${i % 2 ? 'post' : 'get'}('/d${d}/items${i}/:id', ${guard}handle${d}x${i});`,
      ``,
    );
  }
  return out.join('\n');
}

function service(d: number, n: number): string {
  const out = [`import * as store from './store${d}';`, ``, `export interface Payload${d} { [key: string]: unknown }`, ``];
  for (let i = 0; i < n; i++) {
    out.push(
      `/** Step ${i} of domain ${d}: validates, loads, combines and saves. */`,
      `export async function step${d}x${i}(id: string, body: Payload${d}): Promise<Record<string, unknown>> {`,
      `  const current = await store.load${d}x${i}(id);`,
      `  const merged: Record<string, unknown> = { ...current, ...body, touched: Date.now() };`,
      `  for (const key of Object.keys(merged)) {`,
      `    if (merged[key] === undefined) delete merged[key];`,
      `  }`,
      `  await store.save${d}x${i}(id, merged);`,
      `  return merged;`,
      `}`,
      ``,
    );
  }
  return out.join('\n');
}

function store(d: number, n: number): string {
  const out = [`import { db } from '../../db';`, ``];
  for (let i = 0; i < n; i++) {
    out.push(
      `export async function load${d}x${i}(id: string): Promise<Record<string, unknown>> {`,
      `  const rows = await db.query('select * from t${d}_${i} where id = $1', [id]);`,
      `  return rows[0] ?? {};`,
      `}`,
      ``,
      `export async function save${d}x${i}(id: string, value: Record<string, unknown>): Promise<void> {`,
      `  await db.query('update t${d}_${i} set value = $2 where id = $1', [id, JSON.stringify(value)]);`,
      `}`,
      ``,
    );
  }
  return out.join('\n');
}

/** Writes the service under `dir` (created); returns the number of files and lines written. */
export function writeSyntheticService(dir: string, opts: SyntheticOptions = {}): { files: number; lines: number } {
  const target = opts.lines ?? 150_000;
  const n = opts.functionsPerFile ?? 40;
  const r = Math.min(n, opts.routesPerDomain ?? 6);
  let files = 0;
  let lines = 0;
  const write = (rel: string, text: string) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    files++;
    lines += text.split('\n').length;
  };
  write('package.json', JSON.stringify({ name: 'synthetic-service', private: true, dependencies: { express: '^4.19.0' } }, null, 2) + '\n');
  write('src/db.ts', `export const db = {\n  async query(sql: string, args: unknown[]): Promise<Record<string, unknown>[]> {\n    return [{ sql, args }];\n  },\n};\n`);
  write(
    'src/middleware/requireAuth.ts',
    `import type { NextFunction, Request, Response } from 'express';\n\nexport function requireAuth(req: Request, res: Response, next: NextFunction): void {\n  if (!req.headers.authorization) {\n    res.status(401).json({ error: 'unauthorized' });\n    return;\n  }\n  next();\n}\n`,
  );
  const domains: number[] = [];
  for (let d = 0; lines < target; d++) {
    domains.push(d);
    write(`src/domains/d${d}/routes${d}.ts`, routes(d, r));
    write(`src/domains/d${d}/service${d}.ts`, service(d, n));
    write(`src/domains/d${d}/store${d}.ts`, store(d, n));
  }
  const app = [`import express from 'express';`, ...domains.map((d) => `import { router${d} } from './domains/d${d}/routes${d}';`), ``, `export const app = express();`, `app.use(express.json());`, ...domains.map((d) => `app.use('/api', router${d});`), ``, `app.listen(3000);`, ``];
  write('src/app.ts', app.join('\n'));
  return { files, lines };
}
