// Operations: validators and consensus status, head, pool, peers and commit rate, polled every two seconds while
// the page is open (polling, not a subscription: consensus status has no push feed).
import { el, render, facts, table, time } from '../dom.js';
import { batch } from '../rpc.js';
import { addressNode } from '../describe.js';

const POLL_MS = 2000;
// The commit rate is measured over the last RATE_WINDOW blocks' timestamps (one bounded batch per poll).
const RATE_WINDOW = 50;

export async function show(main, _args, current) {
  const values = {
    head: el('span', { id: 'ops-head' }),
    height: el('span', { id: 'ops-height' }),
    round: el('span', { id: 'ops-round' }),
    proposer: el('span', { id: 'ops-proposer' }),
    pool: el('span', { id: 'ops-pool' }),
    peers: el('span', { id: 'ops-peers' }),
    blocksPerSecond: el('span', { id: 'ops-blocks-per-second' }),
    txPerSecond: el('span', { id: 'ops-tx-per-second' }),
    updated: el('span', { id: 'ops-updated', role: 'status' }),
  };
  const validators = el('div', { id: 'ops-validators' });
  const poll = async () => {
    const [status, head, pool, peers] = await batch([
      ['ledger_consensusStatus', []],
      ['eth_blockNumber', []],
      ['txpool_status', []],
      ['net_peerCount', []],
    ]);
    for (const answer of [status, head, pool, peers]) {
      if (answer.error) {
        throw answer.error;
      }
    }
    const s = status.result;
    const headNumber = BigInt(head.result);
    const from = headNumber >= BigInt(RATE_WINDOW) ? headNumber - BigInt(RATE_WINDOW) : 0n;
    const [first, last] = await batch([
      ['eth_getHeaderByNumber', [`0x${from.toString(16)}`]],
      ['eth_getHeaderByNumber', [`0x${headNumber.toString(16)}`]],
    ]);
    values.head.textContent = String(headNumber);
    values.height.textContent = String(BigInt(s.height));
    values.round.textContent = String(BigInt(s.round));
    values.proposer.replaceChildren(await addressNode(s.proposer));
    values.pool.textContent = `${BigInt(pool.result.pending)} pending, ${BigInt(pool.result.queued)} queued`;
    values.peers.textContent = `${BigInt(peers.result)} connected (${s.peers.length} of ${s.validators.length - 1} other validators)`;
    const seconds = first.result && last.result ? Number(BigInt(last.result.timestamp) - BigInt(first.result.timestamp)) : 0;
    const blocks = Number(headNumber - from);
    values.blocksPerSecond.textContent = seconds > 0 ? (blocks / seconds).toFixed(2) : '—';
    values.txPerSecond.textContent = seconds > 0 ? await transactionsPerSecond(from, headNumber, seconds) : '—';
    values.updated.textContent = `updated ${time(Date.now())}`;
    const connected = new Set(s.peers.map((p) => p.toLowerCase()));
    const rows = [];
    for (const [i, v] of s.validators.entries()) {
      const lower = v.toLowerCase();
      let state = connected.has(lower) ? 'connected' : 'not connected';
      if (lower === s.proposer.toLowerCase()) {
        state += ', proposer of this round';
      }
      rows.push([String(i), await addressNode(v), state]);
    }
    validators.replaceChildren(table('Validators (proposer order)', ['#', 'Validator', 'State'], rows));
  };
  await poll();
  if (!current()) {
    return null;
  }
  render(main,
    el('h2', {}, 'Operations'),
    facts([
      ['Head block', values.head],
      ['Deciding height', values.height],
      ['Round', values.round],
      ['Proposer', values.proposer],
      ['Pool', values.pool],
      ['Peers', values.peers],
      [`Commits per second (last ${RATE_WINDOW} blocks)`, values.blocksPerSecond],
      [`Transactions per second (last ${RATE_WINDOW} blocks)`, values.txPerSecond],
      ['Last update', values.updated],
    ]),
    validators);
  let stopped = false;
  let timer = 0;
  const loop = () => {
    timer = setTimeout(async () => {
      try {
        await poll();
      } catch (e) {
        values.updated.textContent = `update failed: ${e.message}`;
      }
      if (!stopped) {
        loop();
      }
    }, POLL_MS);
  };
  loop();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

async function transactionsPerSecond(from, to, seconds) {
  const numbers = [];
  for (let n = from + 1n; n <= to; n++) {
    numbers.push(['eth_getBlockTransactionCountByNumber', [`0x${n.toString(16)}`]]);
  }
  const counts = await batch(numbers);
  const total = counts.reduce((sum, c) => sum + (c.result ? Number(BigInt(c.result)) : 0), 0);
  return (total / seconds).toFixed(2);
}
