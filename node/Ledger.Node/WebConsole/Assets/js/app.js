// The console's entry point: hash routing (#/page/arg), the search box and the API token field.
import { el, render, errorBox } from './dom.js';
import { getToken, setToken, RpcError } from './rpc.js';
import { reset } from './chain.js';
import { search } from './search.js';
import * as explorer from './pages/explorer.js';
import * as block from './pages/block.js';
import * as tx from './pages/tx.js';
import * as tokens from './pages/tokens.js';
import * as account from './pages/account.js';
import * as ops from './pages/ops.js';
import * as compliance from './pages/compliance.js';

const routes = { explorer, block, tx, tokens, account, ops, compliance };
const main = document.getElementById('main');
// data-ready on <main> tells tests (and nothing else) that a route finished rendering: unique per load and route.
const LOAD_ID = Math.random().toString(36).slice(2);
let cleanup = null;
let generation = 0;

async function route() {
  const [name, ...args] = (location.hash.replace(/^#\/?/, '') || 'explorer').split('/').map(decodeURIComponent);
  const page = routes[name];
  cleanup?.();
  cleanup = null;
  const mine = ++generation;
  const started = performance.now();
  for (const a of document.querySelectorAll('nav a')) {
    a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${name}`);
  }
  if (!page) {
    render(main, el('h2', {}, 'Not found'), errorBox(`there is no page "${name}"`));
    return;
  }
  render(main, el('h2', {}, 'Loading…'));
  try {
    // A page answers a cleanup function (live pages stop their subscription or polling with it).
    const stop = await page.show(main, args, () => mine === generation);
    if (mine === generation) {
      cleanup = stop || null;
    } else {
      stop?.();
    }
  } catch (e) {
    if (mine === generation) {
      render(main, el('h2', {}, 'Could not load this page'), errorBox(e instanceof RpcError || e instanceof Error ? e.message : String(e)));
    }
  }
  if (mine === generation) {
    document.title = `${main.querySelector('h2')?.textContent || 'Ledger'} · Ledger console`;
    // How long the route took from hash change to rendered page (all its JSON-RPC calls included), for the timing bench.
    main.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
    main.setAttribute('data-ready', `${LOAD_ID}:${mine}`);
  }
}

function showTokenState() {
  document.getElementById('token-state').textContent = getToken() ? 'token set for this tab' : 'no token';
}

document.getElementById('search').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('search-input');
  const message = document.getElementById('search-message');
  message.textContent = '';
  try {
    const target = await search(input.value);
    if (target) {
      location.hash = `#/${target}`;
    } else {
      message.textContent = `nothing found for "${input.value.trim()}"`;
    }
  } catch (e) {
    message.textContent = e.message;
  }
});

document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token-input');
  setToken(input.value.trim());
  input.value = '';
  reset();
  showTokenState();
  route();
});

document.getElementById('token-clear').addEventListener('click', () => {
  setToken('');
  reset();
  showTokenState();
  route();
});

window.addEventListener('hashchange', route);
showTokenState();
route();
