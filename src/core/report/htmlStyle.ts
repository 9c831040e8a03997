// The HTML report's stylesheet: readable on screen, clean when printed to PDF on A4 or Letter:
// the summary on one page of its own, each section from a new page, tables that wrap inside the page width (fixed layout, long
// paths break), no row or diagram split across pages. Bar widths are classes (w0..w100), never
// style attributes, so the preview's nonce-only policy holds. The page is paper in every editor
// theme: VS Code's webview adds its own theme colours for body, a, code, blockquote and kbd (pale
// grey code on our white in a dark theme, issue 16 point 6), so each colour those touch is set here.
const widths = Array.from({ length: 21 }, (_, i) => `.w${i * 5}{width:${i * 5}%}`).join('');

export const REPORT_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--accent:#0969da;
--c0:#fde2e1;--c0s:#c0392b;--c1:#fdebd0;--c1s:#d68910;--c2:#fcf3cf;--c2s:#b7950b;--c3:#d5f5e3;--c3s:#1e8449;--c4:#abebc6;--c4s:#145a32;--out:#eeeeee;--outs:#999999}
*{box-sizing:border-box}
:root{color-scheme:light}html{background:var(--bg);color:var(--fg)}
body{font:14px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:32px}
h3{font-size:17px;margin:24px 0 8px}h4{font-size:15px;margin:16px 0 6px}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:inherit;background:#f6f8fa;padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
a,a:hover,a code{color:var(--accent)}blockquote{background:none;border-color:var(--line)}kbd{color:var(--fg);background:#f6f8fa}.muted{color:var(--muted)}.none{color:var(--muted);font-style:italic}
.meta{color:var(--muted);margin:0}
dl.facts{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px;margin:12px 0}
dl.facts div{border-left:3px solid var(--line);padding-left:10px}dt{font-weight:600;font-size:12px;text-transform:uppercase;color:var(--muted)}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px;table-layout:fixed}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f6f8fa}
.c-sev{width:11%}.c-where{width:19%}table.risks .c-where{width:14%}table.risks .c-text:nth-child(2){width:41%}.c-num{width:11%}.c-bar{width:22%}.c-mark{width:4.5%;text-align:center}.c-kind{width:13%}.c-guard{width:20%}
.c-route{width:30%}.c-state{width:18%}.c-guards{width:20%}.c-handler{width:32%}table.matrix .c-route{width:auto}table.matrix .c-state{width:16%}table.matrix .c-handler{width:30%}
.small{font-size:12px}.compact{margin:4px 0 8px;padding-left:20px}.compact li{margin:2px 0}
.verdict{border-left:4px solid var(--accent);background:#f3f8ff;padding:2px 14px;margin:8px 0}.verdict h3{margin-top:8px}.verdict.draft{border-left-color:#9a6700;background:#fff8e5}
.plan{font-size:12px;color:var(--muted);white-space:normal}.plan.unset{font-style:italic}
.state{display:inline-block;font-size:11px;font-weight:600;padding:0 6px;border-radius:8px;border:1px solid var(--line)}
.state-unguarded,.state-optional{background:#fde2e1;color:#a40e26;border-color:#c0392b}.state-unguarded.on-purpose,.state-optional.on-purpose{background:#f6f8fa;color:var(--muted);border-color:var(--line)}
.state-unknown{background:#fff8c5;color:#7d4e00;border-color:#d4a72c}.state-guarded{background:#dafbe1;color:#116329;border-color:#4ac26b}
.tags{font-size:12px;color:var(--muted)}
tr{break-inside:avoid}
.sev{display:inline-block;white-space:nowrap;overflow-wrap:normal;font-size:11px;font-weight:600;padding:0 6px;border-radius:8px;border:1px solid;text-transform:uppercase}
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
.map .entry{fill:#0969da}.map text{font:12px sans-serif;text-anchor:middle;fill:#1f2328}.map text.sub{font-size:12px;fill:#59636e}
.legend{display:flex;gap:6px;flex-wrap:wrap;font-size:12px}.node-key{border:1px solid;padding:0 8px;border-radius:4px}
.node-key.c0{background:var(--c0);border-color:var(--c0s)}.node-key.c1{background:var(--c1);border-color:var(--c1s)}.node-key.c2{background:var(--c2);border-color:var(--c2s)}
.node-key.c3{background:var(--c3);border-color:var(--c3s)}.node-key.c4{background:var(--c4);border-color:var(--c4s)}.node-key.out{background:var(--out);border-color:var(--outs)}
.compare{border:1px solid var(--line);border-radius:6px;padding:0 16px 8px}
details.diff summary{cursor:pointer;color:var(--accent)}details.diff pre{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--fg);background:#f6f8fa;margin:4px 0;padding:4px 6px;white-space:pre-wrap;overflow-wrap:anywhere}
details.diff pre span{display:block}details.diff .del{background:#ffebe9;color:#82071e}details.diff .ins{background:#dafbe1;color:#116329}details.diff .gap{color:var(--muted)}
footer{margin-top:32px;border-top:1px solid var(--line);padding-top:8px;font-size:12px}
@media print{
  @page{margin:11mm 13mm}
  body{max-width:none;padding:0;font-size:10pt;line-height:1.35}
  a,a code{color:inherit;text-decoration:none}
  h1{font-size:17pt}h2{font-size:13pt;margin-top:10pt}h3{font-size:11pt;margin:9pt 0 3pt}h4{font-size:10pt;margin:8pt 0 3pt}
  table{font-size:8.5pt;margin:4pt 0 8pt}th,td{padding:2pt 4pt}
  code{font-size:8.5pt;background:none;padding:0}
  .summary{break-after:page;font-size:9pt;line-height:1.28}.summary h1{font-size:15pt}.summary h3{margin:7pt 0 2pt}.summary table{margin:2pt 0 4pt}.summary .sev{font-size:7.5pt;padding:0 4pt}.summary table{font-size:8pt}.summary code{font-size:7.5pt}.summary .verdict{margin:4pt 0}.summary .verdict h3{margin-top:3pt}.summary .compact{margin:2pt 0 4pt}.summary .compact li{margin:1pt 0}
  .summary h2{margin-top:4pt}.summary .verdict{padding:0 8pt}.summary p{margin:3pt 0}
  .compare{break-after:page}
  /* Each part of the printed report starts a page: the summary, the comparison, the appendix, and
     the appendix's chapters (code and coverage; entry points, API description and flows; notes,
     recommendations, questions and history). Smaller parts run on within their chapter. */
  #compare,#appendix,.part-routes,.part-notes{break-before:page}
  h2,h3,h4{break-after:avoid}
  /* The closing line keeps to the last page instead of printing a page of its own. */
  footer{break-before:avoid;margin-top:8pt}
  .mapbox{overflow:visible;border:none;break-inside:avoid;padding:0}
  .flow,table,figure{break-inside:auto}
  tr,li{break-inside:avoid}
  .small,.plan,.tags{font-size:8.5pt}
}
`;
