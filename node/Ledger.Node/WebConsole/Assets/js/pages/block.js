// One block: its header and its transactions with the decoded module call, PAGE_SIZE per page (a block may hold
// 10,000 transactions: only the page's transactions are decoded and drawn).
import { el, render, link, short, time, table, facts, errorBox } from '../dom.js';
import { call } from '../rpc.js';
import { describeCall, blockTransactions } from '../chain.js';
import { addressNode } from '../describe.js';

const PAGE_SIZE = 50;

export async function show(main, [id, startText]) {
  const header = /^0x[0-9a-fA-F]{64}$/.test(id || '')
    ? await call('eth_getHeaderByHash', [id])
    : /^\d+$/.test(id || '') ? { number: `0x${BigInt(id).toString(16)}` } : null;
  const requested = /^\d+$/.test(startText || '') ? Number(startText) : 0;
  const page = header ? await blockTransactions(header.number, PAGE_SIZE, requested) : null;
  if (!page) {
    render(main, el('h2', {}, 'Block not found'), errorBox(`no block "${id}" on this node`));
    return null;
  }
  const { block, count } = page;
  const number = BigInt(block.number);
  const start = Math.min(requested, count);
  const rows = await Promise.all(page.transactions.map(async (t) => {
    const decoded = await describeCall(t.to, t.input);
    return [
      String(BigInt(t.transactionIndex)),
      link(`tx/${t.hash}`, short(t.hash), { class: 'mono' }),
      await addressNode(t.from),
      decoded ? `${decoded.module.name}.${decoded.entry.name}` : await addressNode(t.to),
    ];
  }));
  const end = start + page.transactions.length;
  render(main,
    el('h2', {}, `Block ${number}`),
    el('nav', { 'aria-label': 'Neighbouring blocks', class: 'pager' },
      number > 0n ? link(`block/${number - 1n}`, '← previous block') : null,
      ' ',
      link(`block/${number + 1n}`, 'next block →')),
    facts([
      ['Number', String(number), 'block-number'],
      ['Hash', el('span', { class: 'mono' }, block.hash)],
      ['Parent', link(`block/${block.parentHash}`, block.parentHash, { class: 'mono' })],
      ['Time', time(BigInt(block.timestamp) * 1000n)],
      ['Proposer', await addressNode(block.miner)],
      ['Transactions', String(count), 'block-transaction-count'],
      ['Gas used', String(BigInt(block.gasUsed))],
      ['State root', el('span', { class: 'mono' }, block.stateRoot)],
      ['Transactions root', el('span', { class: 'mono' }, block.transactionsRoot)],
    ]),
    table(count > 0 ? `Transactions ${start + 1}–${end} of ${count}` : 'Transactions', ['Index', 'Hash', 'From', 'Call'], rows, { id: 'block-transactions' }),
    el('nav', { 'aria-label': 'Transaction pages', class: 'pager' },
      start > 0 ? link(`block/${number}/${Math.max(start - PAGE_SIZE, 0)}`, '← previous transactions') : null,
      ' ',
      end < count ? link(`block/${number}/${end}`, 'next transactions →') : null));
  return null;
}
