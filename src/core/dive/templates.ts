// Question checklists that seed a deep dive. Each question points at something the reader can
// check in the code, so that its answer is a note anchored there.
import { DeepDiveError } from '../errors';
import { table } from '../ownKeys';

export interface TemplateQuestion {
  /** Stable id: notes link to it, reports compare it across quarters. */
  id: string;
  text: string;
}

export interface DiveTemplate {
  name: string;
  title: string;
  description: string;
  questions: TemplateQuestion[];
}

// Shared by every template: what enters, what fails, how it ships and is watched.
const entry: TemplateQuestion = { id: 'entry-trust', text: 'What enters the system (routes, consumers, jobs, CLIs), and what does each entry point trust about its caller?' };
const dependencyDown: TemplateQuestion = { id: 'dependency-down', text: 'When the main dependency (database, queue, upstream service) is slow or down, which code path handles it, and with what timeout?' };
const observed: TemplateQuestion = { id: 'observed', text: 'If this broke at 3 a.m., what would we see and how fast: where are the logs, metrics, traces and alerts emitted in the code?' };
const deployed: TemplateQuestion = { id: 'deployed', text: 'How is a change deployed and rolled back (build files, config, migrations), and what in the code makes a rollback unsafe?' };
const oldDecision: TemplateQuestion = { id: 'old-decision', text: 'Which decision made years ago still shapes this code (a library, a data layout, a workaround), and does its reason still hold?' };
const debt: TemplateQuestion = { id: 'costly-debt', text: 'Which piece of technical debt here will cost most when the next big plan arrives (new region, 10x customers, enterprise tier)?' };
const onlyOne: TemplateQuestion = { id: 'single-owner', text: 'Which part changes most often, and which part has only one person who knows it?' };
const scale: TemplateQuestion = { id: 'scale-10x', text: 'What breaks first at 10x load: the database, a cache, a synchronous call chain, memory? Point at the line.' };

export const TEMPLATES: readonly DiveTemplate[] = [
  {
    name: 'auth',
    title: 'Authentication and session service',
    description: 'Sessions, tokens, authorization, secrets: who can do what, and how that is enforced.',
    questions: [
      { id: 'session-lifecycle', text: 'Where is a session or token created, validated, refreshed, expired and revoked? Is every path covered?' },
      { id: 'public-routes', text: 'Which routes have no authentication check, and is each one meant to be public?' },
      { id: 'authz-place', text: 'Where is authorization decided (once at the edge, per route, per object)? Can a user reach another user\'s data?' },
      { id: 'secrets-rotation', text: 'Where are secrets and signing keys loaded, and what happens to live sessions when a key rotates?' },
      { id: 'password-reset', text: 'What does password reset or account recovery trust, and can that flow be abused (enumeration, token reuse)?' },
      { id: 'rate-limit', text: 'Is there rate limiting on login and token endpoints, and what key does it count by?' },
      { id: 'password-storage', text: 'How are passwords hashed and compared (algorithm, cost, constant-time comparison)?' },
      { id: 'compliance', text: 'Which compliance duties (audit log, data retention, session timeouts customers require) does this code carry, and where?' },
      entry,
      dependencyDown,
      observed,
      oldDecision,
    ],
  },
  {
    name: 'http',
    title: 'HTTP service',
    description: 'Public endpoints, their contracts, and what happens under load and failure.',
    questions: [
      entry,
      { id: 'input-validation', text: 'What is the contract of each public endpoint, and where is its input validated?' },
      { id: 'consistency', text: 'Which calls cross a service boundary, and what is the consistency model across them (transactions, retries, idempotency)?' },
      scale,
      { id: 'caching', text: 'Where is data cached, what invalidates it, and what does a stale read cost?' },
      { id: 'outbound-timeouts', text: 'How are timeouts, retries and circuit breaking set for each outbound call?' },
      { id: 'error-contract', text: 'How are errors turned into responses, and can an internal error leak details to a caller?' },
      dependencyDown,
      observed,
      deployed,
      onlyOne,
      debt,
    ],
  },
  {
    name: 'pipeline',
    title: 'Data pipeline',
    description: 'Where data enters, how each step behaves on bad, late or repeated input, and who relies on the output.',
    questions: [
      { id: 'bad-records', text: 'Where does data enter, and what happens to a malformed or duplicated record?' },
      { id: 'idempotent-steps', text: 'Is each step idempotent? What happens when a job runs twice or stops halfway?' },
      { id: 'late-data', text: 'How is late or out-of-order data handled, and how is a backfill run?' },
      { id: 'consumers', text: 'Who consumes the output, and how would they notice it is wrong?' },
      { id: 'run-cost', text: 'What does a run cost, and how does that grow with data volume?' },
      { id: 'schema-change', text: 'What happens when an upstream schema changes: where is the schema checked or assumed?' },
      dependencyDown,
      observed,
      deployed,
      onlyOne,
      oldDecision,
    ],
  },
  {
    name: 'generic',
    title: 'Any system',
    description: 'Questions that fit any critical system.',
    questions: [entry, onlyOne, dependencyDown, deployed, observed, oldDecision, debt, scale, { id: 'incidents', text: 'What did the last incidents in this area point at in the code, and are their follow-ups merged?' }],
  },
];

export const TEMPLATE_NAMES: readonly string[] = TEMPLATES.map((t) => t.name);

/** A template by name (also accepts a few spoken aliases), or a one-line reason listing the names. */
export function templateByName(name: string): DiveTemplate {
  const aliases: Record<string, string> = table({ 'auth-service': 'auth', authentication: 'auth', 'http-service': 'http', 'data-pipeline': 'pipeline', data: 'pipeline' });
  const key = name.trim().toLowerCase();
  const t = TEMPLATES.find((x) => x.name === (aliases[key] ?? key));
  if (!t) throw new DeepDiveError(`unknown template ${JSON.stringify(name)} (one of: ${TEMPLATE_NAMES.join(', ')})`);
  return t;
}
