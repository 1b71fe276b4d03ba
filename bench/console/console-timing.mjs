// Times each web-console page in headless Debian chromium against a running node, with no npm dependency: it talks
// the W3C WebDriver protocol to Debian's chromedriver over plain HTTP.
//
//   node bench/console/console-timing.mjs --url http://127.0.0.1:8545 [--runs 20] [--account 0x…]
//
// For every page it loads the console fresh (full navigation, modules included) --runs times and reports, from the
// page's own marks, the route time (hash change → page rendered, all its JSON-RPC calls included; the console writes
// it to <main data-render-ms>) as median / p95 / max, and the load-to-rendered time (navigation start → rendered).
// Fill the chain first with bench/Ledger.LoadGen (docs/console.md, "Performance").
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const url = (args.url || 'http://127.0.0.1:8545').replace(/\/$/, '');
const runs = Number(args.runs || 20);
const account = args.account || '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65'; // dev account 4
const driverPort = 9515 + Math.floor(Math.random() * 1000);
const WAIT_MS = 60000;

async function rpc(method, params = []) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = await response.json();
  if (body.error) {
    throw new Error(`${method}: ${body.error.message}`);
  }
  return body.result;
}

async function wd(method, path, body) {
  const response = await fetch(`http://127.0.0.1:${driverPort}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  }
  return json.value;
}

async function latestTransaction(head) {
  for (let n = head; n >= 0n && n > head - 1000n; n--) {
    const block = await rpc('eth_getBlockByNumber', [`0x${n.toString(16)}`, false]);
    if (block.transactions.length > 0) {
      return { block: n, hash: block.transactions[0] };
    }
  }
  return null;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const driver = spawn('/usr/bin/chromedriver', [`--port=${driverPort}`], { stdio: 'ignore' });
let session = null;
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await wd('GET', '/status')).ready) {
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  const chromeArgs = ['--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1280,1000'];
  if (process.getuid?.() === 0) {
    chromeArgs.push('--no-sandbox');
  }
  session = (await wd('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'chrome', 'goog:chromeOptions': { binary: '/usr/bin/chromium', args: chromeArgs } } } })).sessionId;

  const head = BigInt(await rpc('eth_blockNumber'));
  const tx = await latestTransaction(head);
  const routes = ['explorer', 'tokens', 'tokens/USDA', `account/${account}`, 'ops', 'compliance', `block/${tx ? tx.block : head}`];
  if (tx) {
    routes.push(`tx/${tx.hash}`);
  }
  console.log(`console timing: ${url}, head ${head}, ${runs} fresh loads per page`);
  console.log('page'.padEnd(24), 'route ms (median / p95 / max)'.padEnd(32), 'load-to-rendered ms (median / p95 / max)');
  for (const route of routes) {
    const routeMs = [];
    const loadMs = [];
    for (let i = 0; i < runs; i++) {
      await wd('POST', `/session/${session}/url`, { url: 'about:blank' });
      await wd('POST', `/session/${session}/url`, { url: `${url}/console/#/${route}` });
      const deadline = Date.now() + WAIT_MS;
      let done = null;
      while (!done) {
        done = await wd('POST', `/session/${session}/execute/sync`, {
          script: "const m = document.getElementById('main'); return m && m.getAttribute('data-ready') ? [Number(m.getAttribute('data-render-ms')), performance.now(), document.querySelector('main h2')?.textContent] : null;",
          args: [],
        });
        if (!done) {
          if (Date.now() > deadline) {
            throw new Error(`${route} did not render within ${WAIT_MS} ms`);
          }
          await sleep(5);
        }
      }
      if (done[2] === 'Could not load this page') {
        throw new Error(`${route} failed to load`);
      }
      routeMs.push(done[0]);
      loadMs.push(done[1]);
    }
    const r = stats(routeMs);
    const l = stats(loadMs);
    const fmt = (s) => `${s.median.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.max.toFixed(0)}`;
    console.log((route.length > 24 ? `${route.split('/')[0]}/…` : route).padEnd(24), fmt(r).padEnd(32), fmt(l));
  }
} finally {
  if (session) {
    await wd('DELETE', `/session/${session}`).catch(() => {});
  }
  driver.kill();
}
