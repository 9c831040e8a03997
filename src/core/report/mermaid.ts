// The module map as a Mermaid `graph LR`, which GitHub renders in Markdown: nodes coloured by
// reading coverage, entry points marked, large graphs collapsed into folder groups.
import { mermaidLabel } from './escape';
import { coverageBucket, groupGraph } from './group';
import type { ReportGraph } from './types';

const CLASSES = [
  'classDef out fill:#eeeeee,stroke:#999999,color:#555555',
  'classDef c0 fill:#fde2e1,stroke:#c0392b,color:#222222',
  'classDef c1 fill:#fdebd0,stroke:#d68910,color:#222222',
  'classDef c2 fill:#fcf3cf,stroke:#b7950b,color:#222222',
  'classDef c3 fill:#d5f5e3,stroke:#1e8449,color:#222222',
  'classDef c4 fill:#abebc6,stroke:#145a32,color:#222222',
];

export function moduleMermaid(graph: ReportGraph, maxNodes = 40): string {
  const g = groupGraph(graph.modules, graph.edges, { maxNodes });
  const ids = new Map(g.nodes.map((n, i) => [n.id, `m${i}`]));
  const lines = ['graph LR'];
  for (const n of g.nodes) {
    const mark = n.entries ? `▶ ` : '';
    const label = `${mark}${n.label} · ${n.codeLines ? `${n.percent}%` : 'out of scope'}`;
    lines.push(`  ${ids.get(n.id)}["${mermaidLabel(label)}"]`);
  }
  for (const e of g.edges) lines.push(`  ${ids.get(e.from)} -->${e.count > 1 ? `|${e.count}|` : ''} ${ids.get(e.to)}`);
  lines.push(...CLASSES.map((c) => `  ${c}`));
  for (const n of g.nodes) {
    const b = coverageBucket(n.percent, n.codeLines);
    lines.push(`  class ${ids.get(n.id)} ${b < 0 ? 'out' : `c${b}`}`);
  }
  return lines.join('\n');
}
