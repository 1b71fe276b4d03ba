// One transaction: status, the decoded module call and the decoded events of its receipt.
import { el, render, link, facts, table, errorBox } from '../dom.js';
import { call } from '../rpc.js';
import { describeCall, describeLog, tokenAt } from '../chain.js';
import { addressNode, callNode, argNode } from '../describe.js';

export async function show(main, [hash]) {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash || '')) {
    render(main, el('h2', {}, 'Transaction not found'), errorBox(`"${hash}" is not a transaction hash`));
    return null;
  }
  const [tx, receipt, status] = await Promise.all([
    call('eth_getTransactionByHash', [hash]),
    call('eth_getTransactionReceipt', [hash]),
    call('ledger_getTransactionStatus', [hash]).catch(() => null),
  ]);
  if (!tx) {
    render(main, el('h2', {}, 'Transaction not found'), errorBox(`no transaction ${hash} on this node`));
    return null;
  }
  const token = await tokenAt(tx.to);
  const decoded = await describeCall(tx.to, tx.input);
  const events = [];
  for (const log of receipt?.logs || []) {
    const d = await describeLog(log);
    const logToken = await tokenAt(log.address);
    const args = [];
    for (const arg of d?.args || []) {
      args.push(el('span', { class: 'arg' }, `${arg.name}: `, await argNode(arg, logToken)), ' ');
    }
    events.push([
      String(BigInt(log.logIndex)),
      await addressNode(log.address),
      d ? d.entry.name : 'unknown event',
      el('span', {}, args),
    ]);
  }
  let outcome = 'pending';
  if (receipt) {
    outcome = receipt.status === '0x1' ? 'success' : 'reverted';
  } else if (status?.status) {
    outcome = status.status;
  }
  render(main,
    el('h2', {}, 'Transaction'),
    facts([
      ['Hash', el('span', { class: 'mono' }, tx.hash)],
      ['Status', outcome, 'tx-status'],
      ['Block', tx.blockNumber ? link(`block/${BigInt(tx.blockNumber)}`, String(BigInt(tx.blockNumber))) : 'not yet in a block'],
      ['From', await addressNode(tx.from)],
      ['To', await addressNode(tx.to)],
      ['Nonce', String(BigInt(tx.nonce))],
      ['Call', decoded ? await callNode(decoded, token) : el('span', { class: 'mono' }, tx.input), 'tx-call'],
      ['Gas used', receipt ? String(BigInt(receipt.gasUsed)) : '—'],
    ]),
    table('Events', ['Index', 'Emitted by', 'Event', 'Values'], events, { id: 'tx-events' }));
  return null;
}
