// Non-HTTP entry points in JavaScript/TypeScript and Python: timers and cron libraries, queue
// consumers (amqplib, kafkajs, bull/bullmq, sqs-consumer, pika, kafka-python, celery), CLI mains
// (`require.main === module`, a top-level `main()` call, `if __name__ == "__main__"`, click/typer,
// Django management commands) and GraphQL resolvers (NestJS `@Resolver`, resolver maps).
import type { Node, Tree } from 'web-tree-sitter';
import type { SyntaxNode } from '../parse/liteTree';
import type { EntryPoint } from './types';
import { callbackLocation, enclosingFunction, literalOr, localFunction, other } from './otherEntryUtil';
import { kids, rangeOf, stringValue } from './treeUtil';

const MAIN_NAMES = /^(main|bootstrap|start|run|serve|cli)$/;
/** A file of browser code: a UI library's import. Its timers tick in the reader's browser. */
const UI_IMPORT = /\bfrom\s+['"](react|react-dom|preact|preact\/hooks|vue|solid-js|svelte)['"]|\brequire\(\s*['"](react|vue|preact)['"]\s*\)/;
/** React's naming rule for hooks: `useSomething`. */
const HOOK_NAME = /^use[A-Z0-9]/;
/** A word each call the loop below recognises has in the file's text: a file with none is not walked. */
const CALL_WORDS = /setInterval|setTimeout|schedule|CronJob|consume|each(Message|Batch)|Worker|\bprocess\s*\(|Consumer\.create|ReceiveMessageCommand/;
/** The last name of every call the loop below recognises. */
const CALLS_OF_INTEREST = new Set(['setInterval', 'setTimeout', 'schedule', 'scheduleJob', 'CronJob', 'consume', 'run', 'Worker', 'process', 'create', 'ReceiveMessageCommand']);

/**
 * `root` may be the plain copy of the tree (parse/liteTree.ts): the map's worker pass reads it for
 * the entry facts too. When it is the parser's own tree (`tree`), the calls are found by position.
 */
export function detectJsOthers(root: SyntaxNode, file: string, text: string, tree?: Tree): EntryPoint[] {
  const out: EntryPoint[] = [];
  const browser = UI_IMPORT.test(text);
  const topics = [...text.matchAll(/subscribe\(\s*\{[^}]*?topics?\s*:\s*(\[[^\]]*\]|'[^']*'|"[^"]*"|\/[^/]+\/)/g)].map((m) => m[1].replace(/[[\]'"]/g, '').trim());
  for (const call of !CALL_WORDS.test(text) ? [] : tree ? callsNamedIn(tree, text) : root.descendantsOfType(['call_expression', 'new_expression'])) {
    if (!call) continue;
    const fnNode = call.childForFieldName('function') ?? call.childForFieldName('constructor');
    const fn = fnNode?.text ?? '';
    const last = fn.slice(fn.lastIndexOf('.') + 1);
    // Most calls of a file are none of these: their arguments and enclosing function (a walk up
    // the tree through the parser's memory) were most of a large server's entry-point pass.
    if (!CALLS_OF_INTEREST.has(last)) continue;
    const args = kids(call.childForFieldName('arguments'));
    const encl = enclosingFunction(call, file);
    // A chain written over lines (`queue()\n  .process(…)`) names its receiver without the line break.
    const recv = fn.includes('.') ? fn.slice(0, fn.lastIndexOf('.')).replace(/\s*\n\s*/g, '').trim() : '';
    const timer = fn === 'setInterval' || fn === 'setTimeout';
    if (timer && (browser || (encl && HOOK_NAME.test(encl.name)))) continue;
    if (fn === 'setInterval' && args.length >= 1) {
      out.push(other('job', `setInterval every ${args[1]?.text ?? '?'}`, encl?.name ?? nameOf(args[0]), call, file, 'timer', callbackLocation(root, args[0], file) ?? encl?.loc));
    } else if (fn === 'setTimeout' && encl && args[0] && new RegExp(`\\b${encl.name}\\b`).test(args[0].text)) {
      // A timeout that re-arms its own function is a loop.
      out.push(other('job', `setTimeout loop every ${args[1]?.text ?? '?'}`, encl.name, call, file, 'timer', encl.loc));
    } else if ((/^(cron|nodeCron|schedule)$/i.test(recv) && /^(schedule|scheduleJob)$/.test(last)) || (fn === 'CronJob' && call.type === 'new_expression')) {
      out.push(other('job', literalOr(args[0]), encl?.name ?? nameOf(args[1]), call, file, 'cron', callbackLocation(root, args[1], file) ?? encl?.loc));
    } else if (last === 'consume' && /(^|\.)(ch|chan|channel|\w*Channel)$/i.test(recv) && args.length >= 2) {
      out.push(other('consumer', literalOr(args[0]), encl?.name ?? nameOf(args[1]), call, file, 'amqplib', callbackLocation(root, args[1], file) ?? encl?.loc));
    } else if (last === 'run' && recv && args[0]?.type === 'object' && /each(Message|Batch)\s*:|each(Message|Batch)\s*\(|each(Message|Batch)\b/.test(args[0].text)) {
      const pair = kids(args[0]).find((p) => /^each(Message|Batch)$/.test(p.childForFieldName('key')?.text ?? p.childForFieldName('name')?.text ?? ''));
      const value = pair?.type === 'method_definition' ? pair : pair?.childForFieldName('value');
      out.push(other('consumer', topics.join(', ') || recv, encl?.name ?? `${recv}.run`, call, file, 'kafkajs', value ? callbackLocation(root, value, file) ?? { file, symbol: '<inline>', range: rangeOf(value) } : encl?.loc));
    } else if (fn === 'Worker' && call.type === 'new_expression' && args.length >= 2) {
      out.push(other('consumer', literalOr(args[0]), nameOf(args[1]), call, file, 'bullmq', callbackLocation(root, args[1], file)));
    } else if (last === 'process' && /queue/i.test(recv) && args.length >= 1) {
      const cb = unwrapped(args[args.length - 1]);
      out.push(other('consumer', recv, nameOf(cb), call, file, 'bull', callbackLocation(root, cb, file)));
    } else if (fn === 'Consumer.create' && args[0]?.type === 'object') {
      const pair = kids(args[0]).find((p) => /^handleMessages?$/.test(p.childForFieldName('key')?.text ?? p.childForFieldName('name')?.text ?? ''));
      const value = pair?.type === 'method_definition' ? pair : pair?.childForFieldName('value');
      const q = /queueUrl\s*:\s*([^,}\n]+)/.exec(args[0].text)?.[1]?.trim() ?? 'sqs';
      out.push(other('consumer', q, encl?.name ?? 'handleMessage', call, file, 'sqs-consumer', value ? callbackLocation(root, value, file) ?? { file, symbol: '<inline>', range: rangeOf(value) } : undefined));
    } else if (fn === 'ReceiveMessageCommand' && call.type === 'new_expression' && encl) {
      out.push(other('consumer', /QueueUrl\s*:\s*([^,}\n]+)/.exec(call.text)?.[1]?.trim() ?? 'sqs', encl.name, call, file, 'sqs', encl.loc));
    }
  }
  // `if (require.main === module) main()`.
  for (const b of text.includes('require.main') ? root.descendantsOfType('binary_expression') : []) {
    if (!b || !/^require\.main\s*===?\s*module$|^module\s*===?\s*require\.main$/.test(b.text)) continue;
    const body = b.parent?.parent?.type === 'if_statement' ? b.parent.parent.childForFieldName('consequence') : undefined;
    const called = body?.descendantsOfType('call_expression')[0]?.childForFieldName('function')?.text;
    out.push(other('cli', file, called ?? '<inline>', b, file, 'node', (called && localFunction(root, called, file)) || (body ? { file, symbol: '<inline>', range: rangeOf(body) } : undefined)));
  }
  // A top-level `main()` / `bootstrap().catch(...)` / `void start()` calling a function of this file.
  if (!out.some((e) => e.kind === 'cli')) {
    for (const st of kids(root)) {
      if (st.type !== 'expression_statement') continue;
      let ex: SyntaxNode | null | undefined = st.namedChildren[0];
      while (ex && (ex.type === 'unary_expression' || ex.type === 'await_expression')) ex = ex.namedChildren[0];
      while (ex?.type === 'call_expression' && ex.childForFieldName('function')?.type === 'member_expression' && /^(catch|then|finally)$/.test(ex.childForFieldName('function')?.childForFieldName('property')?.text ?? '')) ex = ex.childForFieldName('function')?.childForFieldName('object');
      const name = ex?.type === 'call_expression' ? ex.childForFieldName('function')?.text : undefined;
      if (!name || !MAIN_NAMES.test(name)) continue;
      const loc = localFunction(root, name, file);
      if (!loc) continue;
      const decl = root.descendantsOfType(['function_declaration', 'variable_declarator']).find((d) => d?.childForFieldName('name')?.text === name);
      const e = other('cli', file, name, decl ?? st, file, 'node', loc);
      out.push(e);
      break;
    }
  }
  // GraphQL: NestJS/type-graphql `@Resolver()` classes with `@Query`/`@Mutation` methods.
  if (/@Resolver\b/.test(text)) {
    for (const m of root.descendantsOfType('method_definition')) {
      const dec = m ? decoratorsOf(m).find((d) => /^@(Query|Mutation|Subscription|ResolveField)\b/.test(d.text)) : undefined;
      if (!m || !dec) continue;
      const name = m.childForFieldName('name')?.text ?? '';
      const cls = m.parent?.parent?.childForFieldName('name')?.text;
      const op = /^@Mutation/.test(dec.text) ? 'MUTATION' : /^@Subscription/.test(dec.text) ? 'SUBSCRIPTION' : /^@ResolveField/.test(dec.text) ? 'FIELD' : 'QUERY';
      out.push(other('graphql', name, cls ? `${cls}.${name}` : name, dec, file, 'graphql', { file, symbol: cls ? `${cls}.${name}` : name, range: rangeOf(m) }, op));
    }
  }
  // Resolver maps: `const resolvers = { Query: { users: ... }, Mutation: { ... } }`.
  for (const pair of /\b(Query|Mutation|Subscription)\b/.test(text) ? root.descendantsOfType('pair') : []) {
    const key = pair?.childForFieldName('key')?.text;
    const value = pair?.childForFieldName('value');
    if (!pair || !key || !/^(Query|Mutation|Subscription)$/.test(key) || value?.type !== 'object') continue;
    for (const f of kids(value)) {
      const fname = (f.childForFieldName('key') ?? f.childForFieldName('name'))?.text;
      if (!fname) continue;
      const fv = f.type === 'method_definition' ? f : f.childForFieldName('value') ?? f;
      out.push(other('graphql', fname, fv.type === 'identifier' ? fv.text : '<inline>', f, file, 'graphql', callbackLocation(root, fv, file) ?? { file, symbol: '<inline>', range: rangeOf(fv) }, key.toUpperCase()));
    }
  }
  return out;
}

/** A name of CALLS_OF_INTEREST as a whole word of the text. */
const CALL_NAME = new RegExp(`\\b(${[...CALLS_OF_INTEREST].join('|')})\\b`, 'g');

/**
 * The calls whose callee ends in a name of CALLS_OF_INTEREST (`setInterval(…)`, `queue.process(…)`,
 * `new Worker(…)`), in document order as descendantsOfType gives them. A front-end bundle is read
 * from the parser's own tree, where visiting its thousands of calls one by one through the
 * parser's memory cost more than parsing it: each occurrence of such a name is looked up instead.
 * A callee ending in the name ends where the name does (it is the name, or `… .name`), so no call
 * the loop keeps is left out; the loop still checks every one it gets.
 */
function callsNamedIn(tree: Tree, text: string): SyntaxNode[] {
  const found = new Map<number, SyntaxNode>();
  for (const m of text.matchAll(CALL_NAME)) {
    const start = m.index;
    const end = start + m[0].length;
    const word = tree.rootNode.descendantForIndex(start, end);
    if (!word || word.startIndex !== start || word.endIndex !== end) continue;
    const callee = word.parent?.type === 'member_expression' && word.parent.endIndex === end ? word.parent : word;
    const call = callee.parent;
    if (!call || (call.type !== 'call_expression' && call.type !== 'new_expression')) continue;
    const fn = call.childForFieldName('function') ?? call.childForFieldName('constructor');
    if (fn?.startIndex === callee.startIndex && fn.endIndex === end) found.set(call.id, call);
  }
  // Document order: by start, an enclosing call (longer) before the one it starts with.
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

function decoratorsOf(m: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  // A comment between a member's decorators does not end them.
  for (let s = m.previousNamedSibling; s?.type === 'decorator' || s?.type === 'comment'; s = s.previousNamedSibling) if (s.type === 'decorator') out.push(s);
  return [...out, ...kids(m).filter((k) => k.type === 'decorator')];
}

function nameOf(n: SyntaxNode | undefined): string {
  const cb = unwrapped(n);
  if (!cb || /function|arrow|lambda/.test(cb.type)) return '<inline>';
  return cb.text.replace(/\s+/g, ' ').slice(0, 60);
}

/**
 * The callback inside wrappers: `trace({…})(async function (job) {…})` and `wrap(onJob)` hand
 * the queue the function they wrap. A real service's consumer was named by forty characters of
 * its tracing wrapper's options.
 */
function unwrapped(n: SyntaxNode | undefined): SyntaxNode | undefined {
  for (let depth = 0; n?.type === 'call_expression' && depth < 4; depth++) {
    const last = kids(n.childForFieldName('arguments')).at(-1);
    if (!last || !/function|arrow|identifier|member_expression|call_expression/.test(last.type)) return n;
    n = last;
  }
  return n;
}

// ---- Python ----

export function detectPyOthers(root: Node, file: string, text: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const st of kids(root)) {
    if (st.type !== 'if_statement') continue;
    const cond = st.childForFieldName('condition')?.text.replace(/\s+/g, '').replace(/'/g, '"');
    if (cond !== '__name__=="__main__"' && cond !== '"__main__"==__name__') continue;
    const body = st.childForFieldName('consequence');
    const called = body?.descendantsOfType('call')[0]?.childForFieldName('function')?.text;
    const loc = (called && /^\w+$/.test(called) && localFunction(root, called, file)) || (body ? { file, symbol: '<inline>', range: rangeOf(body) } : undefined);
    out.push(other('cli', file, called ?? '<inline>', st, file, 'python', loc));
  }
  const mgmt = /(^|\/)management\/commands\/(\w+)\.py$/.exec(file);
  if (mgmt && !mgmt[2].startsWith('_')) {
    const handle = localFunction(root, 'handle', file);
    const cls = root.descendantsOfType('class_definition').find((c) => c?.childForFieldName('name')?.text === 'Command');
    if (cls) out.push(other('cli', `manage.py ${mgmt[2]}`, 'Command.handle', cls, file, 'django', handle));
  }
  if (!/task|schedule|consume|Consumer|command|add_job|every/.test(text)) return out;
  for (const d of root.descendantsOfType('decorated_definition')) {
    const fn = d?.childForFieldName('definition');
    if (!d || fn?.type !== 'function_definition') continue;
    const name = fn.childForFieldName('name')?.text ?? '';
    const loc = { file, symbol: name, range: rangeOf(fn) };
    for (const dec of kids(d).filter((k) => k.type === 'decorator')) {
      const t = dec.text.replace(/^@/, '').replace(/\s+/g, ' ');
      const head = t.replace(/\(.*$/s, '');
      if (/^(periodic_task|\w+\.scheduled_job|scheduled_job)$/.test(head)) out.push(other('job', t.slice(head.length).replace(/^\(|\)$/g, '') || head, name, dec, file, 'scheduler', loc));
      else if (/^(shared_task|task|\w+\.task|dramatiq\.actor|actor)$/.test(head)) out.push(other('consumer', `${head} ${name}`, name, dec, file, /dramatiq|actor/.test(head) ? 'dramatiq' : 'celery', loc));
      else if (/^(click\.command|click\.group|\w+\.command)$/.test(head) && /click|typer/.test(text)) out.push(other('cli', name, name, dec, file, /typer/.test(text) ? 'typer' : 'click', loc));
    }
  }
  for (const call of root.descendantsOfType('call')) {
    if (!call) continue;
    const fn = call.childForFieldName('function')?.text ?? '';
    const args = kids(call.childForFieldName('arguments'));
    const kw = (k: string): Node | undefined => args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === k)?.childForFieldName('value') ?? undefined;
    const encl = enclosingFunction(call, file);
    if (/\.add_job$/.test(fn) && args[0]) {
      out.push(other('job', args.slice(1).map((a) => a.text).join(', ') || 'add_job', nameOf(args[0]), call, file, 'apscheduler', callbackLocation(root, args[0], file)));
    } else if (/^schedule\.every\b.*\.do$/s.test(fn) && args[0]) {
      out.push(other('job', fn.replace(/\.do$/, ''), nameOf(args[0]), call, file, 'schedule', callbackLocation(root, args[0], file)));
    } else if (/\.basic_consume$/.test(fn)) {
      const cb = kw('on_message_callback') ?? args[1];
      out.push(other('consumer', literalOr(kw('queue') ?? args[0]), nameOf(cb), call, file, 'pika', callbackLocation(root, cb, file) ?? encl?.loc));
    } else if (/(^|\.)(KafkaConsumer|AIOKafkaConsumer)$/.test(fn)) {
      const topic = args.filter((a) => a.type !== 'keyword_argument').map((a) => literalOr(a)).join(', ');
      out.push(other('consumer', topic || 'kafka', encl?.name ?? fn, call, file, 'kafka', encl?.loc));
    }
  }
  // Celery beat: `beat_schedule = {"name": {"task": "pkg.tasks.x", "schedule": crontab(...)}}`.
  for (const a of root.descendantsOfType(['assignment', 'pair'])) {
    const left = (a?.childForFieldName('left') ?? a?.childForFieldName('key'))?.text ?? '';
    const right = a?.childForFieldName('right') ?? a?.childForFieldName('value');
    if (!a || !/(^|\.|")(beat_schedule|CELERY_BEAT_SCHEDULE|CELERYBEAT_SCHEDULE)"?$/.test(left) || right?.type !== 'dictionary') continue;
    for (const p of kids(right)) {
      const v = p.childForFieldName('value');
      if (p.type !== 'pair' || v?.type !== 'dictionary') continue;
      const field = (k: string): Node | undefined => kids(v).find((q) => stringValue(q.childForFieldName('key')) === k)?.childForFieldName('value') ?? undefined;
      const task = stringValue(field('task')) ?? '?';
      out.push(other('job', `${literalOr(field('schedule'))}`, task, p, file, 'celery-beat'));
    }
  }
  return out;
}
