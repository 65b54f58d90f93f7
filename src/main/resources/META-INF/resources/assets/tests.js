// The test tree (/): every test under its prefixes, with its newest values, its newest change and whether that is a
// regression; prefixes show the same for everything under them. Filterable by name, prefixes fold.
import {
  api, ApiError, el, currentUser, testLink, formatTime, formatValue, changeBadge, isRegression, showError, ready,
} from './tarkka.js';

const filter = document.getElementById('filter');
const count = document.getElementById('count');
const body = document.querySelector('#tree tbody');

try {
  const [, latest, summaries] = await Promise.all([currentUser(), api('/dashboard/latest'), summariesOrNone()]);
  const nodes = tree(latest);
  const latestOf = new Map(latest.map((point) => [point.test_name, point]));
  body.replaceChildren(...nodes.map((node) => row(node, summaries[node.key], latestOf)));
  document.getElementById('empty').hidden = latest.length > 0;
  const tests = latest.length;
  const apply = () => applyFilter(nodes, filter.value.trim().toLowerCase(), tests);
  filter.value = new URLSearchParams(location.search).get('filter') ?? '';
  filter.addEventListener('input', apply);
  body.addEventListener('click', (event) => {
    const button = event.target.closest('button.fold');
    if (button) {
      const node = nodes[Number(button.dataset.node)];
      node.folded = !node.folded;
      button.setAttribute('aria-expanded', String(!node.folded));
      apply();
    }
  });
  apply();
} catch (e) {
  showError(document.getElementById('error'), e);
}
ready();

/** The summaries of every test and prefix; none yet is a 404. */
async function summariesOrNone() {
  try {
    return await api('/result/summarySiblings');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      return {};
    }
    throw e;
  }
}

/** Tests and their prefixes in tree order (names come sorted, so a prefix's tests are together). */
function tree(latest) {
  const nodes = [];
  const byKey = new Map();
  for (const point of latest) {
    const parts = point.test_name.split('/');
    let parent = null;
    parts.forEach((part, depth) => {
      const key = parts.slice(0, depth + 1).join('/');
      let node = byKey.get(key);
      if (!node) {
        node = { key, label: part, depth, parent, index: nodes.length, hasChildren: false, folded: false };
        byKey.set(key, node);
        nodes.push(node);
      }
      if (parent) {
        parent.hasChildren = true;
      }
      parent = node;
    });
    parent.latest = point;
  }
  for (const node of nodes) {
    node.search = node.key.toLowerCase();
  }
  return nodes;
}

/** A node's row; `latestOf` gives the metrics' directions, which decide what counts as a regression. */
function row(node, summary, latestOf) {
  const newest = summary?.newest_change_point;
  const direction = newest ? directionOf(latestOf.get(summary.newest_test_name), newest.metric) : null;
  const regression = newest && isRegression(direction, newest.forward_change_percent);
  const name = el('td', { class: 'name' },
    node.hasChildren ? el('button', { type: 'button', class: 'fold', 'aria-expanded': 'true', 'data-node': node.index,
      'aria-label': 'Fold ' + node.key }, '▾') : el('span', { class: 'fold-space' }),
    node.latest ? testLink(node.key, node.label) : el('span', { class: 'prefix' }, node.label));
  name.style.paddingLeft = node.depth * 1.25 + 'em';
  node.row = el('tr', { class: regression ? 'regressed' : null, 'data-key': node.key,
    'data-test': node.latest ? node.key : null },
    name,
    el('td', { class: 'latest' }, node.latest ? latestValues(node.latest) : null),
    el('td', { class: 'newest-change' }, newest ? [changeBadge(direction, newest.forward_change_percent), ' ',
      el('span', { class: 'metric-name' }, newest.metric),
      node.latest ? null : [' in ', el('span', { class: 'metric-name' }, summary.newest_test_name)],
      el('span', { class: 'muted' }, ' · ' + formatTime(newest.time))] : null),
    el('td', { class: 'num' }, summary ? summary.total_change_points : ''));
  return node.row;
}

function directionOf(latest, metric) {
  return latest?.metrics.find((m) => m.name === metric)?.direction ?? null;
}

/** The first metrics of the newest point, and when it was taken. */
function latestValues(point) {
  const shown = point.metrics.slice(0, 3).map((m) => el('span', { class: 'value' },
    el('span', { class: 'metric-name' }, m.name), ' ', formatValue(m.value, m.unit)));
  const more = point.metrics.length > 3 ? ` +${point.metrics.length - 3} more` : '';
  return [...shown, more, el('span', { class: 'muted' }, ' · ' + formatTime(point.timestamp))];
}

/**
 * Shows the tests whose names contain the filter and the prefixes above them; without a filter, folded prefixes
 * hide what is under them.
 */
function applyFilter(nodes, text, tests) {
  for (const node of nodes) {
    node.shown = false;
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    node.shown ||= Boolean(node.latest) && node.search.includes(text);
    if (node.shown && node.parent) {
      node.parent.shown = true;
    }
  }
  let visible = 0;
  for (const node of nodes) {
    node.hiddenByFold = !text && node.parent !== null && (node.parent.folded || node.parent.hiddenByFold);
    node.row.hidden = !node.shown || node.hiddenByFold;
    if (!node.row.hidden && node.latest) {
      visible++;
    }
  }
  count.textContent = `${visible} of ${tests} tests`;
}
