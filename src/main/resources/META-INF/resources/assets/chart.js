// One chart per metric, drawn by uPlot: every point, the change points marked by focusable markers (hover or focus
// one for its numbers), the point under the pointer read out below, zoom (drag, wheel, buttons) and pan (buttons).
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import {
  el, commitLink, formatTime, formatValue, formatChange, formatPvalue, isRegression,
} from './tarkka.js';

const HEIGHT = 260;

/**
 * Draws `metric` ({name, unit, direction, values, change_points}) of `columns` ({timestamps, git_commits,
 * git_repos}) into `container`. `highlight` is the position of a point drawn apart (a pull request's). Returns the
 * chart: its x range changes call its `onZoom` listeners (see linkZoom), `destroy()` lets it go.
 */
export function drawChart(container, columns, metric, { highlight = null } = {}) {
  const x = columns.timestamps;
  const series = [{}, { label: metric.name, stroke: '#1f4e79', width: 1.5, spanGaps: true }];
  const data = [x, metric.values];
  if (highlight !== null) {
    data.push(metric.values.map((value, i) => (i === highlight ? value : null)));
    series.push({ label: 'pull request', stroke: '#d9480f', fill: '#d9480f', width: 0,
      paths: () => null, points: { show: true, size: 11, fill: '#d9480f' } });
  }
  const markers = el('div', { class: 'markers' });
  const tip = el('div', { class: 'tip', role: 'tooltip', hidden: true });
  const readout = el('p', { class: 'readout muted' }, 'Point at a chart for the values of a run.');
  const plot = el('div', { class: 'plot' });
  const chart = { onZoom: [], markers: [] };
  const options = {
    width: Math.max(container.clientWidth, 300),
    height: HEIGHT,
    series,
    legend: { show: false },
    scales: { x: { time: true } },
    axes: [{}, { label: metric.unit, size: 70 }],
    cursor: { drag: { x: true, y: false, setScale: true } },
    hooks: {
      draw: [(u) => placeMarkers(u, chart.markers)],
      setCursor: [(u) => { readout.textContent = pointText(columns, metric, u.cursor.idx); }],
      setScale: [(u, key) => {
        if (key === 'x') {
          chart.onZoom.forEach((listener) => listener(u.scales.x.min, u.scales.x.max));
        }
      }],
    },
  };
  chart.markers = metric.change_points.map((change) => marker(columns, metric, change, tip));
  markers.append(...chart.markers.map((m) => m.element));
  container.append(toolbar(chart), plot, readout);
  chart.uplot = new uPlot(options, data, plot);
  chart.uplot.over.append(markers, tip);
  chart.uplot.over.addEventListener('wheel', (event) => wheelZoom(chart.uplot, event), { passive: false });
  let width = options.width;
  const resizing = new ResizeObserver(() => {
    if (Math.max(container.clientWidth, 300) !== width) { // not on its first call, which only reports the size
      width = Math.max(container.clientWidth, 300);
      chart.uplot.setSize({ width, height: HEIGHT });
    }
  });
  resizing.observe(container);
  chart.destroy = () => {
    resizing.disconnect();
    chart.uplot.destroy();
  };
  return chart;
}

/** Zooming or panning one chart moves the others to the same time range. */
export function linkZoom(charts) {
  let moving = false;
  for (const chart of charts) {
    chart.onZoom.push((min, max) => {
      if (moving) {
        return;
      }
      moving = true;
      charts.filter((other) => other !== chart).forEach((other) => other.uplot.setScale('x', { min, max }));
      moving = false;
    });
  }
}

function pointText(columns, metric, index) {
  if (index === null || index === undefined) {
    return '';
  }
  return `${formatTime(columns.timestamps[index])} UTC · commit ${columns.git_commits[index]} · `
    + formatValue(metric.values[index], metric.unit);
}

function toolbar(chart) {
  const zoom = (factor) => () => zoomAround(chart.uplot, factor, 0.5);
  const pan = (share) => () => {
    const { min, max } = chart.uplot.scales.x;
    chart.uplot.setScale('x', { min: min + (max - min) * share, max: max + (max - min) * share });
  };
  const reset = () => {
    const xs = chart.uplot.data[0];
    chart.uplot.setScale('x', { min: xs[0], max: xs[xs.length - 1] });
  };
  return el('div', { class: 'chart-tools', role: 'group', 'aria-label': 'Zoom and pan' },
    el('button', { type: 'button', onclick: zoom(0.5), title: 'Zoom in' }, '+'),
    el('button', { type: 'button', onclick: zoom(2), title: 'Zoom out' }, '−'),
    el('button', { type: 'button', onclick: pan(-0.25), title: 'Pan to older runs' }, '◀'),
    el('button', { type: 'button', onclick: pan(0.25), title: 'Pan to newer runs' }, '▶'),
    el('button', { type: 'button', onclick: reset, title: 'Show every run' }, 'All'));
}

/** Shrinks (factor < 1) or widens the x range around the point at `at` (0 left edge, 1 right edge). */
function zoomAround(u, factor, at) {
  const { min, max } = u.scales.x;
  const centre = min + (max - min) * at;
  u.setScale('x', { min: centre - (centre - min) * factor, max: centre + (max - centre) * factor });
}

function wheelZoom(u, event) {
  event.preventDefault();
  zoomAround(u, event.deltaY < 0 ? 0.8 : 1.25, Math.min(Math.max(u.cursor.left / (u.bbox.width / devicePixelRatio), 0), 1));
}

/** A change point's marker: a button over its point, with its numbers in the tooltip on hover or focus. */
function marker(columns, metric, change, tip) {
  const time = columns.timestamps[change.point];
  const commit = columns.git_commits[change.point];
  const regression = isRegression(metric.direction, change.forward_change_percent);
  const element = el('button', {
    type: 'button', class: regression ? 'marker regression' : 'marker improvement',
    'data-time': time, 'data-commit': commit, 'data-point': change.point,
    'aria-label': `Change point ${formatChange(change.forward_change_percent)} at ${formatTime(time)}, commit ${commit}`,
  });
  const show = () => {
    tip.replaceChildren(
      el('strong', {}, `${formatChange(change.forward_change_percent)} ${regression ? 'regression' : 'improvement'}`),
      el('div', {}, 'commit ', commitLink(columns.git_repos[change.point], commit)),
      el('div', {}, `${formatTime(time)} UTC`),
      el('div', {}, `mean ${formatValue(change.mean_before, metric.unit)} → ${formatValue(change.mean_after, metric.unit)}`),
      el('div', {}, `p-value ${formatPvalue(change.pvalue)}`));
    tip.hidden = false;
    tip.style.left = element.style.left;
    tip.style.top = element.style.top;
  };
  const hide = (event) => {
    if (!tip.contains(event.relatedTarget)) {
      tip.hidden = true;
    }
  };
  element.addEventListener('mouseenter', show);
  element.addEventListener('focus', show);
  element.addEventListener('mouseleave', hide);
  element.addEventListener('blur', hide);
  tip.addEventListener('mouseleave', () => { tip.hidden = true; });
  return { element, time, value: metric.values[change.point] };
}

/** Puts each marker over its point with a dashed line through it; hides those outside the zoomed range. */
function placeMarkers(u, markers) {
  const { min, max } = u.scales.x;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = 'rgba(120, 120, 120, 0.6)';
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.lineWidth = devicePixelRatio;
  for (const m of markers) {
    const inRange = m.time >= min && m.time <= max && m.value !== null;
    m.element.hidden = !inRange;
    if (inRange) {
      m.element.style.left = u.valToPos(m.time, 'x') + 'px';
      m.element.style.top = u.valToPos(m.value, 'y') + 'px';
      const line = Math.round(u.valToPos(m.time, 'x', true));
      ctx.beginPath();
      ctx.moveTo(line, u.bbox.top);
      ctx.lineTo(line, u.bbox.top + u.bbox.height);
      ctx.stroke();
    }
  }
  ctx.restore();
}
