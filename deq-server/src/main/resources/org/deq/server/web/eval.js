// Evaluation page: the index's retrieval figures from /api/eval drawn as SVG line charts.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = { precision: '#1f6feb', map: '#1a7f37', ndcg: '#bf8700', recall: '#8250df' };

function el(parent, name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  parent.appendChild(e);
  return e;
}

/** The smallest of 1, 2 and 5 times a power of ten that is at least v (v > 0): an axis end just past the data. */
function niceCeil(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  return [1, 2, 5, 10].map((m) => m * p).find((n) => n >= v * (1 - 1e-9));
}

/** Five even steps from 0 to xMax, shown with as many decimals as the step needs. */
function linearTicks(xMax) {
  const step = xMax / 5;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return [0, 1, 2, 3, 4, 5].map((i) => +(i * step).toFixed(decimals));
}

/**
 * A line chart; series: [{name, colour, points: [[x, y, label]]}]; y in [0, 1], x over its range (log) or from 0 to
 * the largest x rounded up to a nice value (a recall of 0.08 would leave most of a 0–1 axis empty).
 */
function chart(svg, title, xLabel, yLabel, series, xLog) {
  const W = +svg.getAttribute('width'), H = +svg.getAttribute('height');
  const m = { l: 52, r: 16, t: 52, b: 44 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const fx = xLog ? Math.log : (v) => v;
  const largest = Math.max(0, ...xs.filter((v) => v !== null));
  const [xMin, xMax] = xLog ? [Math.min(...xs), Math.max(...xs)] : [0, largest > 0 ? niceCeil(largest) : 1];
  const x = (v) => m.l + (fx(v) - fx(xMin)) / ((fx(xMax) - fx(xMin)) || 1) * (W - m.l - m.r);
  const y = (v) => H - m.b - v * (H - m.t - m.b);
  el(svg, 'text', { x: m.l, y: 20, 'font-weight': 600, 'font-size': 14 }, title);
  for (let t = 0; t <= 1.0001; t += 0.2) {
    el(svg, 'line', { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), stroke: '#e3e8ee' });
    el(svg, 'text', { x: m.l - 8, y: y(t) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#66717d' }, t.toFixed(1));
  }
  for (const t of xLog ? [...new Set(xs)] : linearTicks(xMax)) {
    el(svg, 'text', { x: x(t), y: H - m.b + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#66717d', class: 'x-tick' }, t);
  }
  el(svg, 'text', { x: (W + m.l) / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 12 }, xLabel);
  el(svg, 'text', { x: 14, y: H / 2, 'text-anchor': 'middle', 'font-size': 12, transform: `rotate(-90 14 ${H / 2})` }, yLabel);
  series.forEach((s, i) => {
    const pts = s.points.filter((p) => p[1] !== null);
    el(svg, 'polyline', { points: pts.map((p) => `${x(p[0])},${y(p[1])}`).join(' '), fill: 'none', stroke: s.colour, 'stroke-width': 2 });
    let lastLabelX = -Infinity;
    for (const p of pts) {
      el(svg, 'circle', { cx: x(p[0]), cy: y(p[1]), r: 3, fill: s.colour });
      // crowded points (small k, small recall) keep only the first label
      if (p[2] !== undefined && x(p[0]) - lastLabelX > 34) {
        el(svg, 'text', { x: x(p[0]) + 2, y: y(p[1]) - 7, 'font-size': 10, fill: '#66717d', 'text-anchor': 'middle' }, p[2]);
        lastLabelX = x(p[0]);
      }
    }
    el(svg, 'rect', { x: m.l + i * 100, y: 28, width: 10, height: 10, fill: s.colour });
    el(svg, 'text', { x: m.l + 14 + i * 100, y: 37, 'font-size': 11 }, s.name);
  });
}

/** A JSON response; an error response throws the API's message. */
async function api(path) {
  const response = await fetch(path);
  const body = await response.json().catch(() => ({ error: 'HTTP ' + response.status }));
  if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

/** The summary counts the seconds while the index is evaluated (tens of seconds on a large one); returns the stop. */
function countSeconds(summary) {
  const start = Date.now();
  const text = summary.textContent.replace(/…$/, '… ');
  const timer = setInterval(() => { summary.textContent = text + Math.round((Date.now() - start) / 1000) + ' s'; }, 1000);
  return () => clearInterval(timer);
}

async function main() {
  const stop = countSeconds(document.getElementById('summary'));
  try {
    await evaluate();
  } finally {
    stop();
  }
}

async function evaluate() {
  const stats = await api('api/stats');
  document.getElementById('stats').textContent = `${stats.patches.toLocaleString()} patches · ${visible(stats.descriptor)} · ${stats.distance}`;
  document.getElementById('stats').title = document.getElementById('stats').textContent;
  const body = await api('api/eval');
  document.getElementById('summary').textContent =
    `${body.queries} queries, relevance: ${body.relevance}. Each labelled patch queries all others by exact ${stats.distance} distance.`
    + (body.notes || []).map((n) => ` Note: ${visible(n)}.`).join('');
  const pts = body.points;
  chart(document.getElementById('pr'), 'Precision–recall (labels: k)', 'recall@k', 'precision@k',
    [{ name: 'precision', colour: COLOURS.precision, points: pts.map((p) => [p.recall, p.precision, 'k=' + p.k]) }], false);
  chart(document.getElementById('atk'), 'Figures against k', 'k (log scale)', 'value',
    ['precision', 'map', 'ndcg', 'recall'].map((f) => ({ name: f === 'map' ? 'mAP@k' : f + '@k', colour: COLOURS[f], points: pts.map((p) => [p.k, p[f]]) })), true);
  const table = document.getElementById('figures');
  table.innerHTML = '<tr><th>k</th><th>precision</th><th>recall</th><th>mAP</th><th>nDCG</th></tr>' +
    pts.map((p) => `<tr><td>${p.k}</td>${['precision', 'recall', 'map', 'ndcg'].map((f) => `<td>${p[f] === null ? '–' : p[f].toFixed(3)}</td>`).join('')}</tr>`).join('');
}

main().catch((e) => {
  document.getElementById('error').textContent = visible(e.message);
  document.getElementById('error').hidden = false;
  document.getElementById('summary').textContent = '';
});
