// Pull requests (/pulls): what Nyrkiö's GitHub Action uploaded for them, and for one test of one pull request
// (?repo=owner/name&pull=N&commit=C&test=T) its point drawn against the main history it is compared with.
import {
  api, el, currentUser, namePath, commitLink, testLink, changeBadge, directionText, showError, ready,
} from './tarkka.js';
import { drawChart, linkZoom } from './chart.js';

const error = document.getElementById('error');

await currentUser();
try {
  const pulls = await api('/pulls');
  document.querySelector('#pulls tbody').replaceChildren(...pulls.map(row));
  document.getElementById('empty').hidden = pulls.length > 0;
  const asked = new URLSearchParams(location.search);
  if (asked.has('test')) {
    await showTest(asked.get('repo'), asked.get('pull'), asked.get('commit'), asked.get('test'));
  }
} catch (e) {
  showError(error, e);
}
ready();

/** owner/name of a repository URL, as the pull-request endpoints take it. */
function shortRepo(gitRepo) {
  return gitRepo.replace(/^[a-z]+:\/\/[^/]+\//, '').split('/').filter(Boolean).slice(-2).join('/');
}

function row(pull) {
  const repo = shortRepo(pull.git_repo);
  return el('tr', {},
    el('td', {}, '#' + pull.pull_number),
    el('td', {}, repo),
    el('td', {}, pull.branch),
    el('td', {}, commitLink(pull.git_repo, pull.git_commit)),
    el('td', {}, pull.test_names.map((test) => el('a', { class: 'value', href: '/pulls?' + new URLSearchParams(
      { repo, pull: pull.pull_number, commit: pull.git_commit, test }) }, test))));
}

async function showTest(repo, pull, commit, test) {
  const base = `/pulls/${namePath(repo)}/${encodeURIComponent(pull)}`;
  const [points, verdict] = await Promise.all([
    api(`${base}/result/${encodeURIComponent(commit)}/test/${namePath(test)}`),
    api(`${base}/changes/${encodeURIComponent(commit)}/test/${namePath(test)}`)]);
  document.getElementById('pull-test').hidden = false;
  document.getElementById('pull-title').replaceChildren(`#${pull} of ${repo}: `, testLink(test));
  const changes = verdict.flatMap((report) => Object.values(report).flat()).flatMap((group) => group.changes ?? []);
  const columns = columnsOf(points);
  document.getElementById('verdict').replaceChildren(...(changes.length === 0
    ? ['No change point at the pull request\'s commit.']
    : ['Change at the pull request\'s commit: ', ...changes.map((change) => el('span', { class: 'value' },
      el('span', { class: 'metric-name' }, change.metric), ' ',
      changeBadge(columns.metrics.find((m) => m.name === change.metric)?.direction, change.forward_change_percent)))]));
  const charts = document.getElementById('charts');
  charts.replaceChildren();
  linkZoom(columns.metrics.map((metric) => {
    const body = el('div', { class: 'chart' });
    charts.append(el('section', { class: 'metric', 'data-metric': metric.name },
      el('header', {}, el('h3', {}, metric.name),
        el('span', { class: 'muted' }, `${metric.unit} · ${directionText(metric.direction)}`)), body));
    return drawChart(body, columns, metric, { highlight: points.length - 1 });
  }));
}

/** The history and the pull request's point (the last) column by column, as the charts take them. */
function columnsOf(points) {
  const metrics = new Map();
  points.forEach((point, i) => {
    for (const m of point.metrics) {
      let metric = metrics.get(m.name);
      if (!metric) {
        metric = { name: m.name, values: new Array(points.length).fill(null), change_points: [] };
        metrics.set(m.name, metric);
      }
      metric.values[i] ??= m.value;
      metric.unit = m.unit;
      metric.direction = m.direction;
    }
  });
  return {
    timestamps: points.map((p) => p.timestamp),
    git_commits: points.map((p) => p.attributes.git_commit),
    git_repos: points.map((p) => p.attributes.git_repo),
    metrics: [...metrics.values()],
  };
}
