// Settings (/settings): API tokens (made, shown once, listed, revoked), the change-detection options and the
// notifiers of /user/config, with the API's validation errors next to the fields they are about.
import {
  api, el, currentUser, formatTime, showError, showFieldErrors, clearFieldErrors, ready,
} from './tarkka.js';

const DETECTION_DEFAULTS = { algorithm: 'otava', max_pvalue: 0.001, min_magnitude: 0.05, window_len: 50 };
const SECRET_FIELDS = ['slack_webhook_url', 'github_token', 'github_api_url'];

const tokensError = document.getElementById('tokens-error');
const detection = document.getElementById('detection');
const notifiers = document.getElementById('notifiers');
/** The notifiers as the last read showed them: what a field left as it was keeps (masked secrets included). */
let shown = {};

await currentUser();
document.getElementById('new-token').addEventListener('click', createToken);
document.getElementById('copy-token').addEventListener('click', copyToken);
detection.addEventListener('submit', (event) => save(event, detection, { core: detectionSettings() }, 'core'));
notifiers.addEventListener('submit', (event) => save(event, notifiers, { notifiers: notifierSettings() }, 'notifiers'));
await Promise.all([listTokens().catch((e) => showError(tokensError, e)), loadConfig()]);
ready();

async function listTokens() {
  const tokens = await api('/auth/tokens');
  document.querySelector('#token-list tbody').replaceChildren(...tokens.map((token) => el('tr', { 'data-token': token.id },
    el('td', {}, el('code', {}, token.id)),
    el('td', {}, formatTime(Date.parse(token.created) / 1000)),
    el('td', {}, token.last_used ? formatTime(Date.parse(token.last_used) / 1000) : 'never'),
    el('td', {}, el('button', { type: 'button', class: 'revoke', onclick: () => revoke(token.id) }, 'Revoke')))));
  document.getElementById('token-list').hidden = tokens.length === 0;
  document.getElementById('no-tokens').hidden = tokens.length > 0;
}

async function createToken() {
  try {
    const made = await api('/auth/token', { method: 'POST' });
    document.getElementById('token-value').value = made.access_token;
    document.getElementById('copied').textContent = '';
    document.getElementById('token-shown').hidden = false;
    await listTokens();
  } catch (e) {
    showError(tokensError, e);
  }
}

async function copyToken() {
  const value = document.getElementById('token-value');
  try {
    await navigator.clipboard.writeText(value.value);
  } catch {
    value.select(); // no clipboard access (plain HTTP on another host): selected, ready for Ctrl+C
    document.execCommand('copy');
  }
  document.getElementById('copied').textContent = 'Copied.';
}

async function revoke(id) {
  try {
    await api('/auth/tokens/' + encodeURIComponent(id), { method: 'DELETE' });
    await listTokens();
  } catch (e) {
    showError(tokensError, e);
  }
}

async function loadConfig() {
  const config = await api('/user/config');
  const core = { ...DETECTION_DEFAULTS, ...config.core };
  for (const [key, value] of Object.entries(core)) {
    field(detection, 'core.' + key).value = value ?? '';
  }
  shown = config.notifiers ?? { slack: false, github: false, since_days: 14, github_pr: null };
  for (const key of ['slack', 'github', 'github_pr', 'regressions_only']) {
    field(notifiers, 'notifiers.' + key).checked = Boolean(shown[key]);
  }
  field(notifiers, 'notifiers.since_days').value = shown.since_days;
  for (const key of SECRET_FIELDS) {
    field(notifiers, 'notifiers.' + key).value = shown[key] ?? '';
  }
  field(notifiers, 'notifiers.webhook.url').value = shown.webhook?.url ?? '';
  field(notifiers, 'notifiers.webhook.secret').value = shown.webhook?.secret ?? '';
  field(notifiers, 'notifiers.email').value = (shown.email ?? []).join('\n');
}

function field(form, name) {
  return form.elements.namedItem(name);
}

function number(form, name) {
  const text = field(form, name).value.trim();
  return text === '' ? null : Number(text);
}

function detectionSettings() {
  const settings = {
    algorithm: field(detection, 'core.algorithm').value,
    max_pvalue: number(detection, 'core.max_pvalue'),
    min_magnitude: number(detection, 'core.min_magnitude'),
  };
  const window = number(detection, 'core.window_len');
  if (window !== null) {
    settings.window_len = window;
  }
  return settings;
}

/**
 * Nyrkiö's four switches always (the API requires them); Tarkka's fields only when changed: a field left as the read
 * showed it is left out, which keeps the stored value, and an emptied one is sent as null, which removes it.
 */
function notifierSettings() {
  const checked = (key) => field(notifiers, 'notifiers.' + key).checked;
  const text = (key) => field(notifiers, 'notifiers.' + key).value.trim();
  const settings = {
    slack: checked('slack'),
    github: checked('github'),
    since_days: number(notifiers, 'notifiers.since_days'),
    github_pr: checked('github_pr') === Boolean(shown.github_pr) ? shown.github_pr ?? null : checked('github_pr'),
  };
  for (const key of SECRET_FIELDS) {
    if (text(key) !== (shown[key] ?? '')) {
      settings[key] = text(key) || null;
    }
  }
  const [url, secret] = [text('webhook.url'), text('webhook.secret')];
  if (url !== (shown.webhook?.url ?? '') || secret !== (shown.webhook?.secret ?? '')) {
    settings.webhook = url ? { url, secret: secret || null } : null;
  }
  const email = text('email').split(/[\s,]+/).filter(Boolean);
  if (email.join('\n') !== (shown.email ?? []).join('\n')) {
    settings.email = email.length ? email : null;
  }
  if (checked('regressions_only') !== Boolean(shown.regressions_only)) {
    settings.regressions_only = checked('regressions_only');
  }
  return settings;
}

async function save(event, form, body, fallback) {
  event.preventDefault();
  const status = form.querySelector('[data-saved]');
  status.textContent = '';
  clearFieldErrors(form);
  try {
    await api('/user/config', { method: 'POST', json: body });
    await loadConfig();
    status.textContent = 'Saved.';
  } catch (e) {
    showFieldErrors(form, e, fallback);
  }
}
