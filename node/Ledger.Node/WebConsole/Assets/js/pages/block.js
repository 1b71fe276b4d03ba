// One block: its header and its transactions with the decoded module call.
import { el, render, link, short, time, table, facts, errorBox } from '../dom.js';
import { call } from '../rpc.js';
import { describeCall } from '../chain.js';
import { addressNode } from '../describe.js';

export async function show(main, [id]) {
  const block = /^0x[0-9a-fA-F]{64}$/.test(id || '')
    ? await call('eth_getBlockByHash', [id, true])
    : /^\d+$/.test(id || '') ? await call('eth_getBlockByNumber', [`0x${BigInt(id).toString(16)}`, true]) : null;
  if (!block) {
    render(main, el('h2', {}, 'Block not found'), errorBox(`no block "${id}" on this node`));
    return null;
  }
  const number = BigInt(block.number);
  const rows = await Promise.all(block.transactions.map(async (t) => {
    const decoded = await describeCall(t.to, t.input);
    return [
      String(BigInt(t.transactionIndex)),
      link(`tx/${t.hash}`, short(t.hash), { class: 'mono' }),
      await addressNode(t.from),
      decoded ? `${decoded.module.name}.${decoded.entry.name}` : await addressNode(t.to),
    ];
  }));
  render(main,
    el('h2', {}, `Block ${number}`),
    el('nav', { 'aria-label': 'Neighbouring blocks', class: 'pager' },
      number > 0n ? link(`block/${number - 1n}`, '← previous') : null,
      ' ',
      link(`block/${number + 1n}`, 'next →')),
    facts([
      ['Number', String(number), 'block-number'],
      ['Hash', el('span', { class: 'mono' }, block.hash)],
      ['Parent', link(`block/${block.parentHash}`, block.parentHash, { class: 'mono' })],
      ['Time', time(BigInt(block.timestamp) * 1000n)],
      ['Proposer', await addressNode(block.miner)],
      ['Gas used', String(BigInt(block.gasUsed))],
      ['State root', el('span', { class: 'mono' }, block.stateRoot)],
      ['Transactions root', el('span', { class: 'mono' }, block.transactionsRoot)],
    ]),
    table('Transactions', ['Index', 'Hash', 'From', 'Call'], rows));
  return null;
}
