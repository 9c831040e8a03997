// Entry points that are not HTTP routes: scheduled jobs, queue/message consumers, CLI mains and
// GraphQL resolvers. Each is found from a declaration a reader would point at (a `setInterval`,
// a `@Scheduled` method, a `channel.consume`, `func main`), never from naming conventions alone.
import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import type { EntryPoint, HandlerLocation } from './types';
import { ancestor, kids, rangeOf, stringValue } from './treeUtil';
import { detectJsOthers, detectPyOthers } from './otherEntriesScript';
import { callbackLocation, enclosingFunction, goReceiverType, literalOr, other } from './otherEntryUtil';

export function detectOtherEntries(tree: Tree, file: string, lang: LanguageId, text: string): EntryPoint[] {
  switch (lang) {
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return detectJsOthers(tree.rootNode, file, text, tree);
    case 'python':
      return detectPyOthers(tree.rootNode, file, text);
    case 'go':
      return detectGoOthers(tree.rootNode, file, text);
    case 'java':
      return detectJavaOthers(tree.rootNode, file, text);
    default:
      return [];
  }
}

// ---- Go ----

function detectGoOthers(root: Node, file: string, text: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  const pkg = kids(root).find((n) => n.type === 'package_clause')?.namedChildren[0]?.text;
  if (pkg === 'main') {
    for (const fn of kids(root)) {
      if (fn.type === 'function_declaration' && fn.childForFieldName('name')?.text === 'main') {
        const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
        out.push(other('cli', dir, 'main', fn, file, 'go', { file, symbol: 'main', range: rangeOf(fn) }));
      }
    }
  }
  if (!/Ticker|Tick\(|AddFunc|Consume|ReadMessage|cron|gocron/.test(text)) return out;
  for (const call of root.descendantsOfType('call_expression')) {
    if (!call) continue;
    const fn = call.childForFieldName('function')?.text ?? '';
    const args = kids(call.childForFieldName('arguments'));
    const encl = enclosingFunction(call, file);
    if (/^time\.(NewTicker|Tick)$/.test(fn)) {
      out.push(other('job', `every ${literalOr(args[0])}`, encl?.name ?? fn, call, file, 'go', encl?.loc));
    } else if (/\.(AddFunc|AddJob)$/.test(fn) && args.length >= 2) {
      // robfig/cron: c.AddFunc("@every 1h", fn)
      out.push(other('job', literalOr(args[0]), args[1].type === 'func_literal' ? '<inline>' : args[1].text, call, file, 'cron', callbackLocation(root, args[1], file) ?? encl?.loc));
    } else if (/\.Consume$/.test(fn) && args.length >= 3 && /ctx|context/i.test(args[0].text)) {
      // sarama ConsumerGroup.Consume(ctx, topics, handler): the handler's ConsumeClaim does the work.
      const h = args[2].text.replace(/^&/, '').replace(/\{.*$/s, '');
      const claim = root.descendantsOfType('method_declaration').find((m) => m?.childForFieldName('name')?.text === 'ConsumeClaim');
      out.push(other('consumer', literalOr(args[1]), h, call, file, 'sarama', claim ? { file, symbol: `${goReceiverType(claim) ?? h}.ConsumeClaim`, range: rangeOf(claim) } : encl?.loc));
    } else if (/\.Consume$/.test(fn) && args.length >= 2 && stringValue(args[0]) !== undefined) {
      // amqp091: ch.Consume(queue, consumer, autoAck, ...)
      out.push(other('consumer', stringValue(args[0])!, encl?.name ?? fn, call, file, 'amqp', encl?.loc));
    } else if (/\.(ReadMessage|FetchMessage)$/.test(fn) && ancestor(call, (a) => a.type === 'for_statement')) {
      out.push(other('consumer', fn.split('.')[0], encl?.name ?? fn, call, file, 'kafka-go', encl?.loc));
    }
  }
  return out;
}

// ---- Java ----

const JAVA_CONSUMER = /^(KafkaListener|RabbitListener|JmsListener|SqsListener|StreamListener|PubSubListener)$/;
const JAVA_GRAPHQL = /^(QueryMapping|MutationMapping|SubscriptionMapping|SchemaMapping)$/;

function detectJavaOthers(root: Node, file: string, text: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  if (!/static\s+void\s+main|@Scheduled|Listener|Mapping/.test(text)) return out;
  for (const m of root.descendantsOfType('method_declaration')) {
    if (!m) continue;
    const name = m.childForFieldName('name')?.text ?? '';
    const cls = ancestor(m, (a) => /class_declaration|record_declaration|enum_declaration/.test(a.type))?.childForFieldName('name')?.text ?? '';
    const symbol = cls ? `${cls}.${name}` : name;
    const loc: HandlerLocation = { file, symbol, range: rangeOf(m) };
    const mods = kids(m).find((k) => k.type === 'modifiers');
    if (name === 'main' && /\bstatic\b/.test(mods?.text ?? '') && /String\s*(\[\s*\]|\.\.\.)/.test(m.childForFieldName('parameters')?.text ?? '')) {
      out.push(other('cli', cls || file, symbol, m, file, 'java', loc));
      continue;
    }
    for (const a of kids(mods)) {
      if (a.type !== 'annotation' && a.type !== 'marker_annotation') continue;
      const an = a.childForFieldName('name')?.text.split('.').pop() ?? '';
      const argText = a.childForFieldName('arguments')?.text.replace(/^\(|\)$/g, '').replace(/\s+/g, ' ') ?? '';
      if (an === 'Scheduled') out.push(other('job', argText || 'scheduled', symbol, a, file, 'spring', loc));
      else if (JAVA_CONSUMER.test(an)) out.push(other('consumer', listenerTarget(argText), symbol, a, file, 'spring', loc));
      else if (JAVA_GRAPHQL.test(an)) {
        const op = an === 'MutationMapping' ? 'MUTATION' : an === 'SubscriptionMapping' ? 'SUBSCRIPTION' : 'QUERY';
        out.push(other('graphql', /name\s*=\s*"([^"]+)"|^"([^"]+)"$/.exec(argText)?.slice(1).find(Boolean) ?? name, symbol, a, file, 'spring-graphql', loc, op));
      }
    }
  }
  return out;
}

/** `topics = "orders"`, `queues = {"a", "b"}`, `destination = "x"`: the names, else the text. */
function listenerTarget(args: string): string {
  const m = /(topics|queues|destination|value|topicPattern)\s*=\s*(\{[^}]*\}|"[^"]*"|[\w.$]+)/.exec(args) ?? /^()("[^"]*")$/.exec(args);
  return m ? m[2].replace(/[{}"]/g, '').trim() : args;
}
