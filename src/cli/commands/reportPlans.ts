// `deepdive report verdict|recommendations|assign`: what the leader sets on the report.
import { loadDive, saveDive } from '../../core/dive/store';
import { DeepDiveError } from '../../core/errors';
import { buildReport } from '../../core/report/buildReport';
import { planText } from '../../core/report/sections/findings';
import { planRecommendation, setVerdict } from '../../core/report/plans';
import { stringOption } from '../options';
import type { CliContext } from '../types';

export async function reportPlan(ctx: CliContext, diveId: string, verb: string, args: string[]): Promise<void> {
  const loaded = loadDive(ctx.root, diveId);
  if (verb === 'verdict') {
    if (ctx.values.clear === true) loaded.dive = setVerdict(loaded.dive, null);
    else if (args.length) loaded.dive = setVerdict(loaded.dive, args.join(' '));
    else {
      // Show the verdict, or the draft built from the data to start from.
      const data = await buildReport(ctx.root, loaded.dive, { trusted: ctx.values.untrusted !== true, noCache: true, suggestedFlows: 0 });
      if (ctx.json) ctx.out(JSON.stringify({ dive: diveId, verdict: data.verdict }, null, 2));
      else ctx.out(data.verdict!.source === 'leader' ? data.verdict!.text : `(draft, built from the data; set yours with deepdive report verdict "TEXT")\n${data.verdict!.draft}`);
      return;
    }
    const { merged } = saveDive(loaded);
    if (ctx.json) ctx.out(JSON.stringify({ dive: diveId, merged, verdict: loaded.dive.verdict ?? null }, null, 2));
    else ctx.out(loaded.dive.verdict ? `verdict set (deep dive ${diveId})` : `verdict cleared: the report shows the draft again (deep dive ${diveId})`);
    return;
  }
  if (verb === 'recommendations') {
    const data = await buildReport(ctx.root, loaded.dive, { trusted: ctx.values.untrusted !== true, noCache: true, suggestedFlows: 0 });
    if (ctx.json) {
      ctx.out(JSON.stringify({ dive: diveId, recommendations: data.summary.recommendations }, null, 2));
      return;
    }
    if (!data.summary.recommendations.length) ctx.out('no recommendations');
    for (const x of data.summary.recommendations) ctx.out(`${x.id}\n  ${x.severity}: ${x.title}\n  ${planText(x)}`);
    return;
  }
  // assign
  if (args.length !== 1) throw new DeepDiveError('name one recommendation: deepdive report assign REC_ID --owner NAME --due YYYY-MM-DD (ids: deepdive report recommendations)');
  const owner = stringOption(ctx, 'owner');
  const due = stringOption(ctx, 'due');
  if (owner === undefined && due === undefined && ctx.values.clear !== true) throw new DeepDiveError('give --owner NAME, --due YYYY-MM-DD, or --clear');
  loaded.dive = planRecommendation(loaded.dive, args[0], ctx.values.clear === true ? { owner: null, due: null } : { owner, due });
  const { merged } = saveDive(loaded);
  const plan = loaded.dive.recommendations?.[args[0]];
  if (ctx.json) ctx.out(JSON.stringify({ dive: diveId, merged, id: args[0], plan: plan ?? null }, null, 2));
  else ctx.out(`${args[0]}: ${plan ? planText(plan) : 'owner and due date cleared'} (deep dive ${diveId})`);
}
