// Non-HTTP entry points: the sample services' jobs and mains against their ground truth, and one
// small source per detector (timers, cron libraries, queue consumers, mains, GraphQL resolvers).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createParser, type LanguageId } from '../../../src/core/parse/languages';
import { detectOtherEntries } from '../../../src/core/entry/otherEntries';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const KIND: Record<string, string> = { 'scheduled-job': 'job', main: 'cli', consumer: 'consumer' };

for (const name of ['auth-service-ts', 'fastapi-py', 'gin-go', 'spring-java']) {
  describe(`other entry points: sample service ${name}`, () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected', `${name}.json`), 'utf8')) as { otherEntryPoints: { kind: string; file: string; line: number; handler: string }[] };
    it('finds exactly the expected jobs, consumers and mains (kind, file, line, handler)', async () => {
      const got = (await entriesOf(path.join(FIXTURES, name))).filter((e) => e.kind !== 'http');
      const want = expected.otherEntryPoints.map((o) => `${KIND[o.kind]} ${o.file}:${o.line} ${o.handler}`).sort();
      assert.deepEqual(got.map((e) => `${e.kind} ${e.file}:${e.line} ${e.handler}`).sort(), want);
      for (const e of got) assert.ok(e.handlerLocation, `${e.id} has no handler location`);
    });
  });
}

interface Case {
  name: string;
  lang: LanguageId;
  file?: string;
  text: string;
  /** kind, trigger (path), handler, line, and the handler location's symbol when there is one. */
  want: [kind: string, trigger: string, handler: string, line: number, symbol?: string][];
}

const cases: Case[] = [
  {
    name: 'JS: setInterval at module level and a re-arming setTimeout',
    lang: 'javascript',
    text: "setInterval(flush, 5000);\nfunction flush() {}\nfunction poll() {\n  check();\n  setTimeout(poll, 1000);\n}\n",
    want: [
      ['job', 'setInterval every 5000', 'flush', 1, 'flush'],
      ['job', 'setTimeout loop every 1000', 'poll', 5, 'poll'],
    ],
  },
  {
    // A timer in a React hook or component ticks in the reader's browser, not on the server.
    name: 'JS: timers in browser code (a React hook, a component file) are not jobs',
    lang: 'typescript',
    text: "import { useEffect } from 'react';\nexport function useInterval(cb: () => void, delay: number) {\n  useEffect(() => {\n    const id = setInterval(cb, delay);\n    return () => clearInterval(id);\n  }, [delay]);\n}\n",
    want: [],
  },
  {
    name: 'JS: a timer in a hook-named function of a file that does not import a UI library',
    lang: 'javascript',
    text: "export function usePolling(fn) {\n  setInterval(fn, 1000);\n}\nsetInterval(sweep, 60000);\nfunction sweep() {}\n",
    want: [['job', 'setInterval every 60000', 'sweep', 4, 'sweep']],
  },
  {
    // Read from the parser's tree (a bundle, a route file) the calls are found by their names'
    // positions: nested calls in document order, a chain's outer call first, a callee that only
    // ends in a name at a bracket or a comma left out as before.
    name: 'JS: calls of interest nested, chained and behind a sequence expression, in document order',
    lang: 'javascript',
    text: [
      "const mailQueue = new Queue('mail');",
      'mailQueue.process(function send(job) {',
      '  setInterval(tick, 1000);',
      '});',
      'function tick() {}',
      'queue(\'digest\')',
      '  .process(digest).process(twice);',
      '(0, timers.setInterval)(ignored, 10);',
      "timers['setInterval'](ignored, 20);",
      'function digest() {}',
      'function twice() {}',
      '',
    ].join('\n'),
    want: [
      ['consumer', 'mailQueue', '<inline>', 2, '<inline>'],
      ['job', 'setInterval every 1000', 'send', 3, 'tick'],
      ['consumer', "queue('digest').process(digest)", 'twice', 6, 'twice'],
      ['consumer', "queue('digest')", 'digest', 6, 'digest'],
    ],
  },
  {
    name: 'JS: node-cron, cron CronJob',
    lang: 'typescript',
    text: "import cron from 'node-cron';\nimport { CronJob } from 'cron';\ncron.schedule('*/5 * * * *', async () => { await sync(); });\nnew CronJob('0 0 * * *', nightly);\nfunction nightly() {}\n",
    want: [
      ['job', '*/5 * * * *', '<inline>', 3, '<inline>'],
      ['job', '0 0 * * *', 'nightly', 4, 'nightly'],
    ],
  },
  {
    name: 'JS: amqplib, kafkajs, bullmq, sqs-consumer consumers',
    lang: 'typescript',
    text: [
      "channel.consume('emails', onEmail);",
      "await consumer.subscribe({ topic: 'orders' });",
      'await consumer.run({ eachMessage: async ({ message }) => handle(message) });',
      "new Worker('thumbnails', async (job) => resize(job.data));",
      'const app = Consumer.create({ queueUrl: QUEUE_URL, handleMessage: async (m) => save(m) });',
      'function onEmail(msg) {}',
    ].join('\n'),
    want: [
      ['consumer', 'emails', 'onEmail', 1, 'onEmail'],
      ['consumer', 'orders', 'consumer.run', 3, '<inline>'],
      ['consumer', 'thumbnails', '<inline>', 4, '<inline>'],
      ['consumer', 'QUEUE_URL', 'handleMessage', 5, '<inline>'],
    ],
  },
  {
    name: 'JS: a bull queue whose processor is wrapped (tracing, error handling) is named by what it wraps',
    lang: 'typescript',
    text: [
      'eventQueue()',
      '  .process(',
      '    concurrency,',
      "    traceFunction({ serviceName: 'worker', spanName: 'process', isRoot: true })(async function (job) {",
      '      await handle(job);',
      '    }),',
      '  );',
      'mailQueue.process(withRetry(sendMail));',
      'function sendMail(job) {}',
    ].join('\n'),
    want: [
      ['consumer', 'eventQueue()', '<inline>', 1, '<inline>'],
      ['consumer', 'mailQueue', 'sendMail', 8, 'sendMail'],
    ],
  },
  {
    name: 'JS: require.main === module',
    lang: 'javascript',
    file: 'bin/tool.js',
    text: "function main() {}\nif (require.main === module) {\n  main();\n}\n",
    want: [['cli', 'bin/tool.js', 'main', 2, 'main']],
  },
  {
    name: 'TS: a top-level bootstrap().catch() of a local function',
    lang: 'typescript',
    file: 'src/main.ts',
    text: "async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n}\nbootstrap().catch(() => process.exit(1));\n",
    want: [['cli', 'src/main.ts', 'bootstrap', 1, 'bootstrap']],
  },
  {
    name: 'TS: NestJS GraphQL resolver and a resolver map',
    lang: 'typescript',
    text: "@Resolver(() => User)\nexport class UsersResolver {\n  @Query(() => [User])\n  users() { return []; }\n  @Mutation(() => User)\n  createUser() {}\n}\nexport const resolvers = { Query: { me: (_p, _a, ctx) => ctx.user } };\n",
    want: [
      ['graphql', 'users', 'UsersResolver.users', 3, 'UsersResolver.users'],
      ['graphql', 'createUser', 'UsersResolver.createUser', 5, 'UsersResolver.createUser'],
      ['graphql', 'me', '<inline>', 8, '<inline>'],
    ],
  },
  {
    name: 'Python: __main__, celery task and beat schedule, APScheduler, pika, kafka-python',
    lang: 'python',
    text: [
      'from celery import shared_task',
      '',
      '@shared_task',
      'def send_digest(user_id):',
      '    pass',
      '',
      'app.conf.beat_schedule = {"digest": {"task": "mail.tasks.send_digest", "schedule": crontab(hour=7)}}',
      "scheduler.add_job(cleanup, 'interval', minutes=5)",
      "channel.basic_consume(queue='jobs', on_message_callback=on_job)",
      "consumer = KafkaConsumer('events', bootstrap_servers='k:9092')",
      '',
      'def main():',
      '    pass',
      '',
      'if __name__ == "__main__":',
      '    main()',
    ].join('\n'),
    want: [
      ['cli', 'mod.py', 'main', 15, 'main'],
      ['consumer', 'shared_task send_digest', 'send_digest', 3, 'send_digest'],
      ['job', "'interval', minutes=5", 'cleanup', 8],
      ['consumer', 'jobs', 'on_job', 9],
      ['consumer', 'events', 'KafkaConsumer', 10],
      ['job', 'crontab(hour=7)', 'mail.tasks.send_digest', 7],
    ],
  },
  {
    name: 'Python: a Django management command',
    lang: 'python',
    file: 'shop/management/commands/reindex.py',
    text: 'class Command(BaseCommand):\n    def handle(self, *args, **options):\n        pass\n',
    want: [['cli', 'manage.py reindex', 'Command.handle', 1, 'Command.handle']],
  },
  {
    name: 'Go: func main, a ticker loop, robfig/cron, sarama consumer group',
    lang: 'go',
    file: 'cmd/worker/main.go',
    text: [
      'package main',
      '',
      'func main() {',
      '\tc := cron.New()',
      '\tc.AddFunc("@every 1h", purge)',
      '\tgroup.Consume(ctx, []string{"orders"}, &handler{})',
      '}',
      '',
      'func pump() {',
      '\tt := time.NewTicker(time.Minute)',
      '\tfor range t.C {}',
      '}',
      '',
      'func purge() {}',
      '',
      'func (h *handler) ConsumeClaim(s sarama.ConsumerGroupSession, c sarama.ConsumerGroupClaim) error { return nil }',
    ].join('\n'),
    want: [
      ['cli', 'cmd/worker', 'main', 3, 'main'],
      ['job', '@every 1h', 'purge', 5, 'purge'],
      ['consumer', '[]string{"orders"}', 'handler', 6, 'handler.ConsumeClaim'],
      ['job', 'every time.Minute', 'pump', 10, 'pump'],
    ],
  },
  {
    name: 'Java: main, @Scheduled, @KafkaListener, @RabbitListener, @QueryMapping',
    lang: 'java',
    text: [
      'class Jobs {',
      '  public static void main(String[] args) {}',
      '  @Scheduled(cron = "0 0 * * * *")',
      '  void purge() {}',
      '  @KafkaListener(topics = "orders", groupId = "billing")',
      '  void onOrder(String m) {}',
      '  @RabbitListener(queues = {"mail"})',
      '  void onMail(String m) {}',
      '  @QueryMapping',
      '  Book bookById(String id) { return null; }',
      '}',
    ].join('\n'),
    want: [
      ['cli', 'Jobs', 'Jobs.main', 2, 'Jobs.main'],
      ['job', 'cron = "0 0 * * * *"', 'Jobs.purge', 3, 'Jobs.purge'],
      ['consumer', 'orders', 'Jobs.onOrder', 5, 'Jobs.onOrder'],
      ['consumer', 'mail', 'Jobs.onMail', 7, 'Jobs.onMail'],
      ['graphql', 'bookById', 'Jobs.bookById', 9, 'Jobs.bookById'],
    ],
  },
  {
    name: 'nothing where there is nothing: an HTTP handler file with a one-shot setTimeout',
    lang: 'typescript',
    text: "export function handler(req, res) {\n  setTimeout(() => res.end(), 10);\n}\n",
    want: [],
  },
];

describe('other entry points: one source per detector', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const parser = await createParser(c.lang);
      const tree = parser.parse(c.text)!;
      const file = c.file ?? ({ python: 'mod.py', go: 'main.go', java: 'Jobs.java' } as Record<string, string>)[c.lang] ?? 'mod.ts';
      let got: EntryPoint[];
      try {
        assert.equal(tree.rootNode.hasError, false, 'the test source parses');
        got = detectOtherEntries(tree, file, c.lang, c.text);
      } finally {
        tree.delete();
        parser.delete();
      }
      const rows = got.map((e) => [e.kind, e.path, e.handler, e.line, e.handlerLocation?.symbol].filter((x) => x !== undefined));
      assert.deepEqual(rows, c.want.map((w) => w.filter((x) => x !== undefined)));
    });
  }
});

describe('other entry points: package.json bin', () => {
  it('each bin command is a CLI main in its source file (dist/x.js → src/x.ts when mapped)', async () => {
    const { findEntryPoints } = await import('../../../src/core/entry/findEntryPoints');
    const texts: Record<string, string> = {
      'package.json': JSON.stringify({ name: '@acme/tool', bin: { tool: './dist/cli.js', other: 'scripts/missing.js' } }),
      'src/cli.ts': 'export const x = 1;\n',
    };
    const map = { files: [{ path: 'src/cli.ts', language: 'typescript' as const }] };
    const { entries } = await findEntryPoints(map, (rel) => {
      if (!(rel in texts)) throw new Error('no such file');
      return texts[rel];
    });
    assert.deepEqual(
      entries.map((e) => [e.id, e.file, e.handlerLocation?.file]),
      [
        ['cli other', 'scripts/missing.js', undefined],
        ['cli tool', 'src/cli.ts', 'src/cli.ts'],
      ],
    );
  });
});
