// Explorer: the head, the latest blocks and the latest transactions, kept live by a newHeads subscription.
import { el, render, link, short, time, table, facts } from '../dom.js';
import { call, batch, subscribeHeads } from '../rpc.js';
import { describeCall, moduleAt, blockTransactions } from '../chain.js';
import { addressNode } from '../describe.js';

const BLOCKS_SHOWN = 10;
const TRANSACTIONS_SHOWN = 20;
// How far back the first load looks for transactions: one bounded batch (headers and counts only), whatever the chain's length.
const SCAN_BLOCKS = 50;

async function blockRows(blocks) {
  return Promise.all(blocks.map(async (b) => [
    link(`block/${BigInt(b.number)}`, String(BigInt(b.number))),
    el('span', { class: 'mono', title: b.hash }, short(b.hash)),
    String(b.transactionCount),
    time(BigInt(b.timestamp) * 1000n),
    await addressNode(b.miner),
  ]));
}

async function transactionRows(transactions) {
  return Promise.all(transactions.map(async (t) => {
    const decoded = await describeCall(t.to, t.input);
    const module = await moduleAt(t.to);
    return [
      link(`tx/${t.hash}`, short(t.hash), { class: 'mono', 'data-tx': t.hash }),
      String(BigInt(t.blockNumber)),
      await addressNode(t.from),
      module ? module.name : await addressNode(t.to),
      decoded ? decoded.entry.name : 'unknown call',
    ];
  }));
}

/** Headers and transaction counts of the blocks, newest first: two small answers per block, in one batch. */
async function loadBlocks(numbers) {
  const answers = await batch(numbers.flatMap((n) => [
    ['eth_getHeaderByNumber', [`0x${n.toString(16)}`]],
    ['eth_getBlockTransactionCountByNumber', [`0x${n.toString(16)}`]],
  ]));
  const blocks = [];
  for (let i = 0; i + 1 < answers.length; i += 2) {
    if (answers[i].result && answers[i + 1].result) {
      blocks.push({ ...answers[i].result, transactionCount: Number(BigInt(answers[i + 1].result)) });
    }
  }
  return blocks;
}

/** Up to TRANSACTIONS_SHOWN transaction objects from the blocks (newest first), reading as few blocks as needed. */
async function newestTransactions(blocks) {
  const found = [];
  for (const b of blocks) {
    if (found.length >= TRANSACTIONS_SHOWN) {
      break;
    }
    if (b.transactionCount > 0) {
      const page = await blockTransactions(b.number, TRANSACTIONS_SHOWN - found.length);
      found.push(...(page ? page.transactions : []));
    }
  }
  return found;
}

function range(from, to) {
  const numbers = [];
  for (let n = to; n >= from && numbers.length < SCAN_BLOCKS; n--) {
    numbers.push(n);
  }
  return numbers;
}

export async function show(main, _args, current) {
  const head = BigInt(await call('eth_blockNumber'));
  let blocks = await loadBlocks(range(0n, head));
  let transactions = await newestTransactions(blocks);
  blocks = blocks.slice(0, BLOCKS_SHOWN);
  let shownHead = head;
  if (!current()) {
    return null;
  }

  const headNumber = el('span', { id: 'head-number' }, String(head));
  const live = el('span', { id: 'live-status', role: 'status' }, 'connecting');
  const blocksHolder = el('div', { id: 'latest-blocks' });
  const transactionsHolder = el('div', { id: 'latest-transactions' });
  const draw = async () => {
    blocksHolder.replaceChildren(table('Latest blocks', ['Number', 'Hash', 'Transactions', 'Time', 'Proposer'], await blockRows(blocks)));
    transactionsHolder.replaceChildren(table('Latest transactions', ['Hash', 'Block', 'From', 'To', 'Call'], await transactionRows(transactions)));
  };
  await draw();
  render(main,
    el('h2', {}, 'Explorer'),
    facts([['Head block', headNumber], ['Updates', live]]),
    blocksHolder,
    transactionsHolder);

  // Heads are coalesced: while one update runs, later heads only move the target, and the next update reads every
  // block since the last one shown (at most SCAN_BLOCKS, headers and counts only) in one batch. A fast chain therefore costs at
  // most one update at a time, never a growing queue.
  let target = null;
  let running = false;
  const update = async () => {
    running = true;
    try {
      while (target !== null && current()) {
        const to = target;
        target = null;
        if (to <= shownHead) {
          continue;
        }
        const fresh = await loadBlocks(range(shownHead + 1n, to));
        if (!current()) {
          return;
        }
        shownHead = to;
        headNumber.textContent = String(to);
        blocks = [...fresh, ...blocks].slice(0, BLOCKS_SHOWN);
        const added = await newestTransactions(fresh);
        transactions = [...added, ...transactions].slice(0, TRANSACTIONS_SHOWN);
        await draw();
      }
    } catch (e) {
      live.textContent = `update failed: ${e.message}`;
    } finally {
      running = false;
    }
  };
  return subscribeHeads((header) => {
    const number = BigInt(header.number);
    target = target === null || number > target ? number : target;
    if (!running) {
      update();
    }
  }, (state) => {
    live.textContent = state;
  });
}
