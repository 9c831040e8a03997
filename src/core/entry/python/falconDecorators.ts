// A Falcon responder's decorators (or its class's), judged once every module is read, from the
// facts osloPolicy.ts keeps: a decorator that only passes the call on adds nothing; an oslo.policy
// decorator (`@acl.enforce("queues:get")`) applies the rule's default in code — '' or '@' lets every
// caller in, anything else refuses a caller without what it names (a guard); anything else, or a
// rule whose default is not found (a policy file may then decide), stays a doubt.
import type { FileDecls, Guard, Ref } from '../types';
import type { FalconDecorator } from './falconFacts';
import { getOwn } from '../../ownKeys';
import { refFile, refName } from './pyRef';

export type DecoratorVerdict = { kind: 'pass'; note?: string } | { kind: 'guard'; guard: Guard } | { kind: 'doubt' };

export function falconDecoratorJudge(pys: FileDecls[], resolve: (ref: Ref) => Ref): (d: FalconDecorator, file: string) => DecoratorVerdict {
  const byFile = new Map(pys.map((d) => [d.file, d]));
  // Rule defaults by name, across modules: one name given two different checks is not known.
  const rules = new Map<string, { check: string; file: string; line: number } | null>();
  for (const d of pys) {
    for (const [name, r] of Object.entries(d.py?.policy?.rules ?? {})) {
      let check = r.check;
      if (check === undefined && r.checkRef) {
        const target = resolve(r.checkRef);
        const c = byFile.get(refFile(target))?.py?.consts;
        check = c ? getOwn(c, refName(target))?.value : undefined;
      }
      const had = rules.get(name);
      if (check === undefined || (had !== undefined && (had === null || had.check !== check))) rules.set(name, null);
      else if (had === undefined) rules.set(name, { check, file: d.file, line: r.line });
    }
  }
  return (d, file) => {
    if (!d.ref) return { kind: 'doubt' };
    const target = resolve(d.ref);
    const policy = byFile.get(refFile(target))?.py?.policy;
    const name = refName(target);
    if (policy?.passes && getOwn(policy.passes, name)) return { kind: 'pass' };
    if (!policy?.checks || !getOwn(policy.checks, name)) return { kind: 'doubt' };
    const ruleName = d.args?.[0];
    const rule = typeof ruleName === 'string' ? rules.get(ruleName) : undefined;
    if (!rule || typeof ruleName !== 'string') return { kind: 'doubt' };
    const at = `${rule.file}:${rule.line}`;
    if (rule.check.trim() === '' || rule.check.trim() === '@') return { kind: 'pass', note: `@${d.text}: the oslo.policy rule ${ruleName} defaults to '${rule.check}', which lets every caller in (${at})` };
    return {
      kind: 'guard',
      guard: { name: `@${d.text}`, kind: 'authorization', reason: `oslo.policy rule ${ruleName}, default '${rule.check}' (${at}), enforced by ${refName(target)} (${refFile(target)})`, file, line: d.line },
    };
  };
}
