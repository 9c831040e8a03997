// Every framework the interpreter knows, one module each. A new framework is one file here
// plus its line below (and its fixture and table rows in test/unit/entry/).
import type { Framework, LanguageFamily } from './types';
import { adonis } from './adonis';
import { egg } from './egg';
import { express } from './express';
import { fastify } from './fastify';
import { feathers } from './feathers';
import { hapi } from './hapi';
import { hono } from './hono';
import { koa } from './koa';
import { routerClass } from './routerClass';
import { sails } from './sails';
import { trpc } from './trpc';

export const FRAMEWORKS: readonly Framework[] = [express, koa, fastify, hono, hapi, sails, adonis, feathers, trpc, egg, routerClass];

export function frameworksFor(languages: Iterable<LanguageFamily>): Framework[] {
  const want = new Set(languages);
  return FRAMEWORKS.filter((f) => want.has(f.language));
}
