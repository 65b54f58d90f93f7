// Changes by commit (/commits): the per-commit view of every test under a prefix (all tests by default), newest
// commit first, one row per commit and test.
import {
  api, el, currentUser, namePath, testLink, commitLink, formatTime, changeBadge, showError, ready,
} from './tarkka.js';

const input = document.getElementById('prefix');
const body = document.querySelector('#commits tbody');

await currentUser();
const prefix = new URLSearchParams(location.search).get('prefix') ?? '';
input.value = prefix;
try {
  const entries = (await Promise.all((await prefixes(prefix))
    .map((p) => api('/changes/perCommit/' + namePath(p))))).flat();
  entries.sort((a, b) => b.time - a.time || compare(a._id.git_commit, b._id.git_commit)
    || compare(a.test_name, b.test_name));
  body.replaceChildren(...entries.map(row));
  document.getElementById('empty').hidden = entries.length > 0;
} catch (e) {
  showError(document.getElementById('error'), e);
}
ready();

/** The prefix asked for, or the first segment of every test name: the per-commit view needs a prefix. */
async function prefixes(asked) {
  if (asked) {
    return [asked];
  }
  const tests = await api('/results');
  return [...new Set(tests.map((t) => t.test_name.split('/')[0]))];
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function row(entry) {
  const metric = entry.metric;
  return el('tr', {},
    el('td', {}, formatTime(entry.time)),
    el('td', {}, commitLink(entry.attributes.git_repo, entry._id.git_commit)),
    el('td', {}, testLink(entry.test_name)),
    el('td', {}, entry.cp_values.map((change, i) => el('span', { class: 'value' },
      el('span', { class: 'metric-name' }, change.metric), ' ', changeBadge(metric.direction[i], change.forward_change_percent)))));
}
