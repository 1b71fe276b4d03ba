// Explorer: the head, the latest blocks and the latest transactions, kept live by a newHeads subscription.
import { el, render, link, short, time, table, facts } from '../dom.js';
import { call, batch, subscribeHeads } from '../rpc.js';
import { describeCall, moduleAt } from '../chain.js';
import { addressNode } from '../describe.js';

const BLOCKS_SHOWN = 10;
const TRANSACTIONS_SHOWN = 20;
// How far back the first load looks for transactions: one bounded batch, whatever the chain's length.
const SCAN_BLOCKS = 50;

async function blockRows(blocks) {
  return Promise.all(blocks.map(async (b) => [
    link(`block/${BigInt(b.number)}`, String(BigInt(b.number))),
    el('span', { class: 'mono', title: b.hash }, short(b.hash)),
    String(b.transactions.length),
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

// Blocks come with transaction hashes only, and at most TRANSACTIONS_SHOWN transactions are fetched: a page load
// costs the same with 10,000 transactions per block as with none.
async function loadBlocks(numbers) {
  const answers = await batch(numbers.map((n) => ['eth_getBlockByNumber', [`0x${n.toString(16)}`, false]]));
  return answers.filter((a) => a.result).map((a) => a.result);
}

async function loadTransactions(hashes) {
  const answers = await batch(hashes.slice(0, TRANSACTIONS_SHOWN).map((h) => ['eth_getTransactionByHash', [h]]));
  return answers.filter((a) => a.result).map((a) => a.result);
}

export async function show(main, _args, current) {
  const head = BigInt(await call('eth_blockNumber'));
  const numbers = [];
  for (let n = head; n >= 0n && numbers.length < SCAN_BLOCKS; n--) {
    numbers.push(n);
  }
  let blocks = await loadBlocks(numbers);
  let transactions = await loadTransactions(blocks.flatMap((b) => b.transactions));
  blocks = blocks.slice(0, BLOCKS_SHOWN);
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

  // Heads arrive in order; a block is fetched once per head, with its transactions, and the lists stay bounded.
  let pending = Promise.resolve();
  return subscribeHeads((header) => {
    pending = pending.then(async () => {
      const [block] = await loadBlocks([BigInt(header.number)]);
      if (!block || !current()) {
        return;
      }
      headNumber.textContent = String(BigInt(block.number));
      blocks = [block, ...blocks.filter((b) => b.hash !== block.hash)].slice(0, BLOCKS_SHOWN);
      const added = await loadTransactions(block.transactions);
      transactions = [...added, ...transactions].slice(0, TRANSACTIONS_SHOWN);
      await draw();
    }).catch((e) => {
      live.textContent = `update failed: ${e.message}`;
    });
  }, (state) => {
    live.textContent = state;
  });
}
