// A test's page (/tests/<name>): one chart per metric with its change points, and the switch that takes a metric
// out of change detection or back in.
import {
  api, ApiError, el, currentUser, namePath, testNameOfPage, commitLink, formatTime, formatValue, formatPvalue,
  changeBadge, directionText, showError, ready,
} from './tarkka.js';
import { drawChart, linkZoom } from './chart.js';

const name = testNameOfPage();
/** The charts on the page, let go when they are drawn again. */
let drawn = [];
const error = document.getElementById('error');
const charts = document.getElementById('charts');

document.title = name + ' · Tarkka';
document.getElementById('test-name').textContent = name;
document.getElementById('crumbs').append(...crumbs(name));
const series = read();
await currentUser();
await show(series);
ready();

/** The test's series, as a promise whose failure waits until show() reports it. */
function read() {
  const series = api('/dashboard/series/' + namePath(name));
  series.catch(() => {});
  return series;
}

/** Links to the tree, filtered to each prefix of the name. */
function crumbs(testName) {
  const parts = testName.split('/');
  return [el('a', { href: '/' }, 'Tests'), ...parts.slice(0, -1).map((part, i) => {
    const prefix = parts.slice(0, i + 1).join('/');
    return el('a', { href: '/?filter=' + encodeURIComponent(prefix + '/') }, part);
  })];
}

async function show(reading) {
  let series;
  try {
    series = await reading;
  } catch (e) {
    document.getElementById('loading').hidden = true;
    showError(error, e instanceof ApiError && e.status === 404 ? new Error('There is no test of this name.') : e);
    return;
  }
  const o = series.options;
  document.getElementById('options').replaceChildren('Change points found with ', el('strong', {}, o.algorithm),
    o.algorithm === 'tarkka' ? '' : `: p-value at most ${o.max_pvalue}, change at least ${Number((o.min_magnitude * 100).toPrecision(6))} %, `
      + `window ${o.window_len}`, ' (', el('a', { href: '/settings#detection' }, 'settings'), '). ',
    `${series.timestamps.length} runs.`);
  document.getElementById('loading').hidden = true;
  drawn.forEach((chart) => chart.destroy());
  charts.replaceChildren();
  drawn = series.metrics.map((metric) => metricSection(series, metric));
  linkZoom(drawn);
}

function metricSection(series, metric) {
  const count = metric.change_points.length;
  const status = metric.disabled ? 'change detection disabled'
    : count === 1 ? '1 change point' : `${count} change points`;
  const toggle = el('button', { type: 'button', class: 'detection-toggle',
    onclick: () => switchDetection(metric.name, metric.disabled) },
  metric.disabled ? 'Enable change detection' : 'Disable change detection');
  const body = el('div', { class: 'chart' });
  const section = el('section', { class: metric.disabled ? 'metric disabled' : 'metric', 'data-metric': metric.name,
    'data-change-points': count },
  el('header', {},
    el('h2', {}, metric.name),
    el('span', { class: 'muted' }, `${metric.unit} · ${directionText(metric.direction)}`),
    el('span', { class: 'status' }, status),
    toggle),
  body,
  count ? changeTable(series, metric) : null);
  charts.append(section);
  return drawChart(body, series, metric);
}

function changeTable(series, metric) {
  return el('table', { class: 'list changes' },
    el('thead', {}, el('tr', {}, ['Date', 'Commit', 'Change', 'Mean before → after', 'p-value']
      .map((title) => el('th', { scope: 'col' }, title)))),
    el('tbody', {}, metric.change_points.slice().reverse().map((change) => el('tr', {},
      el('td', {}, formatTime(series.timestamps[change.point])),
      el('td', {}, commitLink(series.git_repos[change.point], series.git_commits[change.point])),
      el('td', {}, changeBadge(metric.direction, change.forward_change_percent)),
      el('td', {}, `${formatValue(change.mean_before, metric.unit)} → ${formatValue(change.mean_after, metric.unit)}`),
      el('td', {}, formatPvalue(change.pvalue))))));
}

async function switchDetection(metric, enable) {
  try {
    await api(`/result/${namePath(name)}/changes/${enable ? 'enable' : 'disable'}`, { method: 'POST', json: [metric] });
    await show(read());
  } catch (e) {
    showError(error, e);
  }
}
