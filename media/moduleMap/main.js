// @ts-check
// The module map's front end: draws the graph the host laid out, as SVG built with DOM calls
// (textContent only: module names are never parsed as HTML), and sends back clicks and its
// view state. Message types: src/extension/moduleMap/protocol.ts.
/** @typedef {import('../../src/extension/moduleMap/protocol').ToWebview} ToWebview */
/** @typedef {import('../../src/extension/moduleMap/protocol').FromWebview} FromWebview */
/** @typedef {import('../../src/extension/moduleMap/protocol').ModuleMapState} ModuleMapState */
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const canvas = /** @type {HTMLElement} */ (document.getElementById('canvas'));
  const filter = /** @type {HTMLInputElement} */ (document.getElementById('filter'));
  const focusBtn = /** @type {HTMLButtonElement} */ (document.getElementById('focus'));
  const resetBtn = /** @type {HTMLButtonElement} */ (document.getElementById('reset'));
  const summary = /** @type {HTMLElement} */ (document.getElementById('summary'));
  // After a reload the saved state comes back here; a new map starts from the host's state.
  /** @type {ModuleMapState | undefined} */
  const saved = vscode.getState() || undefined;
  /** @type {ModuleMapState} */
  let state = saved || { filter: '', expand: [] };
  /** @type {string | undefined} */
  let selected;
  filter.value = state.filter;

  /** @param {FromWebview} msg */
  function send(msg) {
    vscode.postMessage(msg);
  }

  /** @param {ModuleMapState} next */
  function setState(next) {
    state = next;
    vscode.setState(state);
    send({ type: 'setState', state });
  }

  function bucket(percent, codeLines) {
    if (codeLines === 0) return 'out';
    if (percent >= 100) return 'c4';
    if (percent >= 60) return 'c3';
    if (percent >= 25) return 'c2';
    if (percent > 0) return 'c1';
    return 'c0';
  }

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }

  /** The drawing area: the canvas minus its padding. @returns {{width: number, height: number}} */
  function room() {
    return { width: Math.max(1, canvas.clientWidth - 24), height: Math.max(1, canvas.clientHeight - 24) };
  }

  /**
   * The whole graph when that keeps labels readable (a small one grows up to 1.6 times), else the
   * full width with the graph scrolling down: never wider than the panel, so nothing is cut off.
   * The host chooses between layouts with the same rule (fitScale in src/core/report/moduleGraph.ts).
   * @param {SVGElement} svg @param {number} w @param {number} h
   */
  function fit(svg, w, h) {
    const r = room();
    const whole = Math.min(r.width / w, r.height / h);
    const scale = whole >= 0.75 ? Math.min(1.6, whole) : Math.min(1, r.width / w);
    svg.setAttribute('width', String(Math.floor(w * scale)));
    svg.setAttribute('height', String(Math.floor(h * scale)));
  }

  /** Scrolls so that a module is in the middle of the canvas (after a focus, a resize). @param {string | undefined} id */
  function centre(id) {
    if (!id) return;
    const node = canvas.querySelector(`svg.map g.node[data-id="${CSS.escape(id)}"]`);
    if (!node) return;
    const n = node.getBoundingClientRect();
    const c = canvas.getBoundingClientRect();
    canvas.scrollLeft += n.left + n.width / 2 - (c.left + c.width / 2);
    canvas.scrollTop += n.top + n.height / 2 - (c.top + c.height / 2);
  }

  // The panel changes size when a file opens beside it, the window or the side bar is resized:
  // re-fit at once, and ask the host for the layout that fits the new shape best.
  let lastRoom = '';
  let resizeTimer;
  new ResizeObserver(() => {
    const r = room();
    const key = `${r.width}x${r.height}`;
    if (key === lastRoom) return;
    lastRoom = key;
    const svg = /** @type {SVGElement | null} */ (canvas.querySelector('svg.map'));
    const box = svg?.getAttribute('viewBox')?.split(' ').map(Number);
    if (svg && box) {
      fit(svg, box[2], box[3]);
      centre(state.focus ?? selected);
    }
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => send({ type: 'resize', room: room() }), 150);
  }).observe(canvas);

  /** @param {Extract<ToWebview, {type: 'graph'}>} msg */
  function draw(msg) {
    const { layout } = msg;
    canvas.replaceChildren();
    const w = Math.max(layout.width, 200);
    const h = Math.max(layout.height, 60);
    const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', class: 'map' }, canvas);
    fit(svg, w, h);
    const defs = el('defs', {}, svg);
    const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }, marker);
    for (const e of layout.edges) {
      if (e.points.length < 2) continue;
      const p = el('path', { class: 'edge', d: e.points.map((q, i) => `${i ? 'L' : 'M'}${q.x},${q.y}`).join(' '), 'marker-end': 'url(#arrow)' }, svg);
      el('title', {}, p).textContent = `${e.from} → ${e.to} (${e.count})`;
    }
    for (const n of layout.nodes) {
      const g = el('g', { class: `node ${bucket(n.percent, n.codeLines)}${n.kind === 'group' ? ' group' : ''}${n.id === selected ? ' selected' : ''}`, tabindex: 0, role: 'button', 'data-id': n.id }, svg);
      const sub = n.sub;
      el('title', {}, g).textContent = `${n.label}: ${sub}, ${n.files} files${n.kind === 'group' ? ' — click to expand' : ' — click to open'}`;
      el('rect', { x: n.x, y: n.y, width: n.width, height: n.height, rx: 5 }, g);
      if (n.entries) el('path', { class: 'entry', d: `M${n.x + 6},${n.y + 8} l8,6 l-8,6 z` }, g);
      const max = Math.floor((n.width - (n.entries ? 44 : 24)) / 7.2);
      const label = n.label.length > max ? `${n.label.slice(0, max - 1)}…` : n.label;
      const t1 = el('text', { x: n.x + n.width / 2, y: n.y + 16, class: 'label' }, g);
      t1.textContent = label;
      const t2 = el('text', { x: n.x + n.width / 2, y: n.y + 31, class: 'sub' }, g);
      t2.textContent = sub;
      const activate = () => {
        if (n.kind === 'group') {
          setState({ ...state, expand: [...new Set([...state.expand, n.id])] });
          return;
        }
        selected = n.id;
        focusBtn.disabled = false;
        for (const s of svg.querySelectorAll('.node.selected')) s.classList.remove('selected');
        g.classList.add('selected');
        send({ type: 'open', module: n.id });
      };
      g.addEventListener('click', activate);
      g.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          activate();
        }
      });
    }
    // The module the map is about stays in view: the focused one, else the one last clicked.
    centre(state.focus ?? selected);
    const collapsed = state.expand.length ? ` · ${state.expand.length} group(s) expanded` : '';
    summary.textContent = `${msg.shown} of ${msg.total} modules${state.focus ? ` around ${state.focus}` : ''}${layout.collapsed ? ' · folders grouped (click a group to expand)' : ''}${collapsed}`;
  }

  window.addEventListener('message', (event) => {
    /** @type {ToWebview} */
    const msg = event.data;
    if (msg.type === 'graph') {
      state = msg.state;
      vscode.setState(state);
      if (filter.value !== state.filter && document.activeElement !== filter) filter.value = state.filter;
      draw(msg);
    } else if (msg.type === 'error') {
      canvas.replaceChildren();
      const p = document.createElement('p');
      p.className = 'error';
      p.textContent = msg.message;
      canvas.appendChild(p);
    }
  });

  let timer;
  filter.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => setState({ ...state, filter: filter.value }), 200);
  });
  focusBtn.addEventListener('click', () => {
    if (selected) setState({ ...state, focus: selected });
  });
  resetBtn.addEventListener('click', () => {
    filter.value = '';
    setState({ filter: '', expand: [] });
  });

  send(saved ? { type: 'ready', state: saved, room: room() } : { type: 'ready', room: room() });
})();
