// What every page of Tarkka's dashboard shares: API calls with the login cookie, the signed-in header, links,
// formatting. Everything user-supplied (test, metric and attribute names, commits, URLs) reaches the page as text:
// through el() and textContent, never as markup; links are built only from checked or encoded parts.

/** An answer of the API that is not a success; detail as the API gave it (a string or a list of problems). */
export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
    this.status = status;
    this.detail = detail;
  }
}

/**
 * Calls /api/v0 with the login cookie. `json` is sent as JSON, `form` as a form; the answer's JSON is returned.
 * A 401 sends the reader to the sign-in page unless `signInOn401` is false.
 */
export async function api(path, { method = 'GET', json, form, signInOn401 = true } = {}) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form) {
    init.body = new URLSearchParams(form);
  }
  const response = await fetch('/api/v0' + path, init);
  if (response.status === 401 && signInOn401) {
    goToSignIn();
  }
  const body = await jsonOf(response);
  if (!response.ok) {
    throw new ApiError(response.status, body && body.detail !== undefined ? body.detail : response.statusText);
  }
  return body;
}

/** The answer's JSON; a body that is not JSON (from a proxy, say) is its text as the detail. */
async function jsonOf(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { detail: text };
  }
}

function goToSignIn() {
  location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
}

/** A test name as a path: each segment percent-encoded, the slashes kept (the API's {name:path}). */
export function namePath(name) {
  return name.split('/').map(encodeURIComponent).join('/');
}

/** The page of a test: the link notifications send too. */
export function testUrl(name) {
  return '/tests/' + namePath(name);
}

/** The test name of a /tests/... page. */
export function testNameOfPage() {
  return location.pathname.slice('/tests/'.length).split('/').map(decodeURIComponent).join('/');
}

/**
 * A new element. Attributes are set with setAttribute (`on...` ones become listeners), children are nodes or text,
 * in arrays as deep as they come: strings become text nodes, so nothing passed here is ever parsed as markup. Never pass user data as `href`:
 * use testUrl() or commitUrl().
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Node ? child : String(child))));
  return element;
}

// A repository on GitHub or GitLab (also self-hosted ones named so), and a commit hash: then a link can be built.
const FORGE_REPO = /^https:\/\/(github|gitlab)(\.[a-z0-9-]+)+(\/[A-Za-z0-9_.-]+){2,}$/;
const COMMIT_HASH = /^[0-9a-fA-F]{7,64}$/;

/** The web page of a commit, or null when the repository is not a GitHub or GitLab URL. */
export function commitUrl(repo, commit) {
  if (!repo || !commit || !FORGE_REPO.test(repo) || !COMMIT_HASH.test(commit)) {
    return null;
  }
  return repo + (repo.startsWith('https://gitlab') ? '/-/commit/' : '/commit/') + commit;
}

/** A commit as a link to its page where there is one, as text otherwise; shortened, with the full hash on hover. */
export function commitLink(repo, commit) {
  const text = commit && commit.length > 12 ? commit.slice(0, 12) : commit ?? '';
  const url = commitUrl(repo, commit);
  return url ? el('a', { href: url, class: 'commit', title: commit, rel: 'noreferrer' }, text)
    : el('code', { class: 'commit', title: commit }, text);
}

/** A link to a test's page showing its name. */
export function testLink(name, text = name) {
  return el('a', { href: testUrl(name) }, text);
}

/** Unix seconds as a date and time in UTC. */
export function formatTime(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

const NUMBER = new Intl.NumberFormat('en', { maximumSignificantDigits: 5 });

export function formatValue(value, unit) {
  if (value === null || value === undefined) {
    return '–';
  }
  return NUMBER.format(value) + (unit ? ' ' + unit : '');
}

/** A percent change, signed: "+12.3 %". Reports give it as a string. */
export function formatChange(percent) {
  const value = Number(percent);
  return (value > 0 ? '+' : '') + value.toFixed(Math.abs(value) < 10 ? 1 : 0) + ' %';
}

export function formatPvalue(p) {
  return p === 0 ? '0' : p < 0.001 ? Number(p).toExponential(1) : Number(p).toFixed(4);
}

/** Whether a change is for the worse. Without a direction, a rise is (as for times, the usual benchmark). */
export function isRegression(direction, percent) {
  return direction === 'higher_is_better' ? Number(percent) < 0 : Number(percent) > 0;
}

/** A change as "+12.3 %" marked as a regression or an improvement. */
export function changeBadge(direction, percent) {
  const regression = isRegression(direction, percent);
  return el('span', { class: regression ? 'change regression' : 'change improvement',
    title: regression ? 'regression' : 'improvement' }, formatChange(percent));
}

export function directionText(direction) {
  return direction === 'higher_is_better' ? 'higher is better'
    : direction === 'lower_is_better' ? 'lower is better' : 'direction not given';
}

/** Shows a failure in a page's error line. */
export function showError(element, error) {
  element.textContent = error instanceof ApiError ? `${error.message} (${error.status})` : String(error.message ?? error);
  element.hidden = false;
}

/**
 * The signed-in user, with the header filled in (their email, the pages, sign-out); sends the reader to the sign-in
 * page when nobody is signed in.
 */
export async function currentUser() {
  const me = await api('/users/me');
  document.getElementById('who').textContent = me.email;
  document.getElementById('pages').hidden = false;
  const signOut = document.getElementById('sign-out');
  signOut.hidden = false;
  signOut.addEventListener('click', async () => {
    await api('/auth/cookie/logout', { method: 'POST' });
    location.assign('/login');
  });
  for (const link of document.querySelectorAll('#pages a')) {
    const path = link.getAttribute('href');
    if (path === '/' ? location.pathname === '/' || location.pathname.startsWith('/tests/')
      : location.pathname.startsWith(path)) {
      link.setAttribute('aria-current', 'page');
    }
  }
  return me;
}

/**
 * Marks the page as drawn and usable: a performance mark "tarkka:ready" (the timings in the README are read from it)
 * and data-state="ready" on the body.
 */
export function ready() {
  performance.mark('tarkka:ready');
  document.body.dataset.state = 'ready';
}

/** Clears what showFieldErrors showed in a form. */
export function clearFieldErrors(form) {
  for (const element of form.querySelectorAll('.field-error')) {
    element.textContent = '';
  }
}

/**
 * Shows the API's validation errors next to the fields they are about: a 422's problems by their `loc`
 * (["body", "core", "max_pvalue"] → core.max_pvalue), a 400's message by the field name it starts with
 * ("max_pvalue must be ...", "notifiers.webhook.url: ..."). What no field claims goes to `fallback`.
 */
export function showFieldErrors(form, error, fallback) {
  clearFieldErrors(form);
  const slots = [...form.querySelectorAll('.field-error[data-for]')];
  for (const [field, message] of problemsOf(error)) {
    const slot = slotFor(slots, field) ?? slots.find((s) => s.dataset.for === fallback);
    slot.textContent = slot.textContent ? slot.textContent + ' ' + message : message;
  }
}

function problemsOf(error) {
  if (!(error instanceof ApiError)) {
    return [['', String(error.message ?? error)]];
  }
  if (Array.isArray(error.detail)) {
    return error.detail.map((problem) => [(problem.loc ?? []).filter((part) => part !== 'body').join('.'), problem.msg]);
  }
  const named = /^([a-z_]+(?:\.[a-z_]+)*)(?::| must)/.exec(String(error.message));
  return [[named ? named[1] : '', error.message]];
}

/** The slot of the field, else of its nearest enclosing one; a bare name matches the field that ends with it. */
function slotFor(slots, field) {
  for (let key = field; key; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
    const slot = slots.find((s) => s.dataset.for === key) ?? slots.find((s) => s.dataset.for.endsWith('.' + key));
    if (slot) {
      return slot;
    }
  }
  return null;
}
