// The HTML report's stylesheet: readable on screen, clean when printed to PDF (the summary on
// its own pages, no broken rows or diagrams). Bar widths are classes (w0..w100), never style
// attributes, so the preview's nonce-only policy holds.
const widths = Array.from({ length: 21 }, (_, i) => `.w${i * 5}{width:${i * 5}%}`).join('');

export const REPORT_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--accent:#0969da;
--c0:#fde2e1;--c0s:#c0392b;--c1:#fdebd0;--c1s:#d68910;--c2:#fcf3cf;--c2s:#b7950b;--c3:#d5f5e3;--c3s:#1e8449;--c4:#abebc6;--c4s:#145a32;--out:#eeeeee;--outs:#999999}
*{box-sizing:border-box}
body{font:14px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:32px}
h3{font-size:17px;margin:24px 0 8px}h4{font-size:15px;margin:16px 0 6px}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px;word-break:break-all}
code.loc{white-space:nowrap;word-break:normal}
a{color:var(--accent)}.muted{color:var(--muted)}.none{color:var(--muted);font-style:italic}
.meta{color:var(--muted);margin:0}
dl.facts{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px;margin:12px 0}
dl.facts div{border-left:3px solid var(--line);padding-left:10px}dt{font-weight:600;font-size:12px;text-transform:uppercase;color:var(--muted)}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
tr{break-inside:avoid}
.sev{display:inline-block;font-size:11px;font-weight:600;padding:0 6px;border-radius:8px;border:1px solid;text-transform:uppercase}
.sev-critical{background:#8b0000;color:#fff;border-color:#8b0000}.sev-high{background:#fde2e1;color:#a40e26;border-color:#c0392b}
.sev-medium{background:#fdebd0;color:#7d4e00;border-color:#d68910}.sev-low{background:#ddf4ff;color:#0a3069;border-color:#54aeff}.sev-unrated{background:#f6f8fa;color:var(--muted)}
.bar{display:inline-block;width:90px;height:9px;background:#eee;border-radius:5px;overflow:hidden;vertical-align:middle}
.bar .fill{display:block;height:100%;background:#2da44e}
${widths}
.callout{border-left:4px solid #c0392b;background:#fff5f5;padding:8px 12px}
.recs li,.notes li{margin-bottom:6px}.note.resolved .body{text-decoration:line-through;color:var(--muted)}
.impact{color:#7d4e00}.status{font-size:11px;border:1px solid var(--line);border-radius:8px;padding:0 6px;color:var(--muted)}
.flow{border:1px solid var(--line);border-radius:6px;padding:4px 14px;margin:10px 0;break-inside:avoid}
.flow.suggested{border-style:dashed}.flow.suggested ul.steps{list-style:none;padding-left:0}
${Array.from({ length: 9 }, (_, i) => `.steps .depth-${i}{padding-left:${i * 18}px}`).join('')}
.steps .step-store,.steps .step-external{font-weight:600}.steps .step-unresolved{color:var(--muted)}
.mapbox{margin:8px 0;overflow:auto;text-align:center;border:1px solid var(--line);border-radius:6px;padding:6px}
.mapbox svg{max-width:100%;height:auto}
.map .edge{fill:none;stroke:#8c959f;stroke-width:1.2}.map .arrowhead{fill:#8c959f}
.map .node rect{stroke-width:1.4}.map .node.group rect{stroke-dasharray:5 3;stroke-width:2}
.map .c0 rect{fill:var(--c0);stroke:var(--c0s)}.map .c1 rect{fill:var(--c1);stroke:var(--c1s)}.map .c2 rect{fill:var(--c2);stroke:var(--c2s)}
.map .c3 rect{fill:var(--c3);stroke:var(--c3s)}.map .c4 rect{fill:var(--c4);stroke:var(--c4s)}.map .out rect{fill:var(--out);stroke:var(--outs)}
.map .entry{fill:#0969da}.map text{font:12px sans-serif;text-anchor:middle;fill:#1f2328}.map text.sub{font-size:10px;fill:#59636e}
.legend{display:flex;gap:6px;flex-wrap:wrap;font-size:12px}.node-key{border:1px solid;padding:0 8px;border-radius:4px}
.node-key.c0{background:var(--c0);border-color:var(--c0s)}.node-key.c1{background:var(--c1);border-color:var(--c1s)}.node-key.c2{background:var(--c2);border-color:var(--c2s)}
.node-key.c3{background:var(--c3);border-color:var(--c3s)}.node-key.c4{background:var(--c4);border-color:var(--c4s)}.node-key.out{background:var(--out);border-color:var(--outs)}
.compare{border:1px solid var(--line);border-radius:6px;padding:0 16px 8px}
footer{margin-top:32px;border-top:1px solid var(--line);padding-top:8px;font-size:12px}
@media print{
  body{max-width:none;padding:0;font-size:11pt}
  a{color:inherit;text-decoration:none}
  .summary{break-after:page}
  .compare{break-after:page}
  h2,h3,h4{break-after:avoid}
  .mapbox{overflow:visible;border:none;break-inside:avoid}
  .flow,table,figure{break-inside:auto}
  tr,li{break-inside:avoid}
  code{background:none;padding:0}
  @page{margin:16mm}
}
`;
