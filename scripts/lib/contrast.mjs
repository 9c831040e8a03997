// Text a person cannot read: every element with its own text whose colour is too close to the
// background it is drawn on (WCAG contrast ratio, backgrounds composited up to the page). Given
// as the source of a function for page.evaluate in a real Chromium (unit and UI tests).
export const LOW_CONTRAST_SOURCE = `(minRatio) => {
  const parse = (c) => {
    const m = /^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/.exec(c.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : undefined;
  };
  const over = (top, below) => {
    const a = top[3];
    return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  // What shows through a transparent page: the editor's background the webview sits on.
  const root = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim();
  const probe = document.createElement('span');
  probe.style.color = root || '#ffffff';
  document.body.appendChild(probe);
  const canvas = parse(getComputedStyle(probe).color) || [255, 255, 255, 1];
  probe.remove();
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 1) break;
    }
    let bg = canvas;
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const bad = [];
  let checked = 0;
  for (const el of document.body.querySelectorAll('*')) {
    if (el instanceof SVGElement || !el.getClientRects().length) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    const fg = parse(style.color);
    if (!fg) continue;
    checked++;
    const bg = background(el);
    const r = ratio(over(fg, bg), bg);
    if (r < minRatio) bad.push({ tag: el.tagName.toLowerCase(), cls: el.className || '', text: el.textContent.trim().slice(0, 40), color: style.color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')', ratio: Math.round(r * 100) / 100 });
  }
  return { checked, bad };
}`;
