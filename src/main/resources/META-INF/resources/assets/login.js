// Sign in and register (/login): the cookie login the API has, then back to the page that sent the reader here.
import { api, ApiError, showFieldErrors, clearFieldErrors, ready } from './tarkka.js';

const MESSAGES = {
  LOGIN_BAD_CREDENTIALS: 'Wrong email or password.',
  REGISTER_USER_ALREADY_EXISTS: 'An account with this email already exists: sign in instead.',
};

const signIn = document.getElementById('sign-in');
const register = document.getElementById('register');

signIn.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFieldErrors(signIn);
  try {
    await logIn(signIn.elements.username.value, signIn.elements.password.value);
  } catch (e) {
    showFieldErrors(signIn, readable(e), 'sign-in');
  }
});

register.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFieldErrors(register);
  const email = register.elements.email.value;
  const password = register.elements.password.value;
  try {
    await api('/auth/register', { method: 'POST', json: { email, password }, signInOn401: false });
    await logIn(email, password);
  } catch (e) {
    showFieldErrors(register, readable(e), e.detail === 'REGISTER_USER_ALREADY_EXISTS' ? 'email' : 'register');
  }
});
ready();

async function logIn(username, password) {
  await api('/auth/cookie/login', { method: 'POST', form: { username, password }, signInOn401: false });
  location.assign(nextPage());
}

/** Where to go after signing in: the page that asked, if it is one of this site's. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function readable(error) {
  if (error instanceof ApiError && typeof error.detail === 'string') {
    if (error.status === 429) {
      return new ApiError(429, 'Too many failed sign-ins for this account: try again later.');
    }
    return new ApiError(error.status, MESSAGES[error.detail] ?? error.detail);
  }
  return error;
}
