// Account: alias, identity, freeze, balances per token, history (ledger_getAccountHistory, paged, filtered by token
// and kind) and a monthly spending chart by currency and counterparty.
import { el, render, link, short, table, units, facts, time, errorBox } from '../dom.js';
import { call } from '../rpc.js';
import { tokens, views, moduleNamed } from '../chain.js';
import { addressNode } from '../describe.js';
import { spendingChart } from '../chart.js';

const KINDS = ['transfer', 'held', 'held-released', 'held-cancelled', 'held-expired', 'invoice-payment', 'invoice-refund',
  'fx-settlement', 'escrow-lock', 'escrow-release', 'escrow-return', 'htlc-lock', 'htlc-claim', 'htlc-refund', 'mint',
  'burn', 'redeem', 'forced-transfer', 'recovery', 'opening-balance'];
const PAGE_SIZE = 25;
// The chart reads at most this many pages of outgoing records of the last 12 months (bounded work per view).
const CHART_PAGES = 4;
const CHART_PAGE_SIZE = 500;

function parseQuery(text) {
  const query = {};
  for (const part of (text || '').split('&')) {
    const at = part.indexOf('=');
    if (at > 0 && at < part.length - 1) {
      query[part.slice(0, at)] = part.slice(at + 1);
    }
  }
  return query;
}

function route(address, query) {
  const parts = Object.entries(query).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return `account/${address}${parts.length ? `/${parts.join('&')}` : ''}`;
}

export async function show(main, [address, queryText]) {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address || '')) {
    render(main, el('h2', {}, 'Account not found'), errorBox(`"${address}" is not an address`));
    return null;
  }
  const account = address.toLowerCase();
  const query = parseQuery(queryText);
  const list = await tokens();
  const [directory, registry, compliance] = await Promise.all([moduleNamed('Directory'), moduleNamed('IdentityRegistry'), moduleNamed('Compliance')]);
  const answers = await views([
    [directory.address, 'aliasOf', [account]],
    [registry.address, 'identityOf', [account]],
    [compliance.address, 'freezeOf', [account]],
    ...list.map((t) => [t.address, 'balanceOf', [account]]),
  ]);
  const [alias, identity, freeze] = answers;
  const balances = list.map((t, i) => [
    link(`tokens/${t.symbol}`, t.symbol),
    el('span', { class: 'amount', 'data-balance': t.symbol }, answers[3 + i].value ? units(answers[3 + i].value.list[0], t.decimals) : answers[3 + i].error.message),
    t.currency,
  ]);
  const id = identity.value;
  const frozen = freeze.value;
  render(main,
    el('h2', {}, 'Account'),
    facts([
      ['Address', el('span', { class: 'mono' }, account), 'account-address'],
      ['Alias', alias.value?.list[0] || 'none', 'account-alias'],
      ['Identity', id && id.bank ? `${id.bank}, ${id.jurisdiction}, KYC level ${id.kycLevel}${id.revoked ? ', revoked' : ''}` : 'not registered'],
      ['Frozen', frozen?.frozen ? `yes${frozen.byRegulator ? ' (by the regulator)' : ''}: ${frozen.reason}` : 'no', 'account-frozen'],
    ]),
    table('Balances', ['Token', 'Balance', 'Currency'], balances, { id: 'balances' }),
    await history(account, query, list),
    await chart(account, list));
  return null;
}

function filterForm(account, query, list) {
  const tokenSelect = el('select', { id: 'history-token', name: 'token' },
    el('option', { value: '' }, 'all tokens'),
    list.map((t) => el('option', { value: t.symbol, selected: query.token === t.symbol }, t.symbol)));
  const kindSelect = el('select', { id: 'history-kind', name: 'kind' },
    el('option', { value: '' }, 'all kinds'),
    KINDS.map((k) => el('option', { value: k, selected: query.kind === k }, k)));
  return el('form', {
    class: 'filters',
    'aria-label': 'History filter',
    onsubmit: (event) => {
      event.preventDefault();
      location.hash = `#/${route(account, { token: tokenSelect.value, kind: kindSelect.value })}`;
    },
  },
  el('label', { for: 'history-token' }, 'Token '), tokenSelect, ' ',
  el('label', { for: 'history-kind' }, 'Kind '), kindSelect, ' ',
  el('button', { type: 'submit' }, 'Filter'));
}

async function history(account, query, list) {
  const request = { address: account, pageSize: PAGE_SIZE };
  if (query.token) {
    request.token = query.token;
  }
  if (query.kind) {
    request.kinds = [query.kind];
  }
  if (query.cursor) {
    request.cursor = query.cursor;
  }
  const section = el('section', { 'aria-labelledby': 'history-heading' }, el('h3', { id: 'history-heading' }, 'History'), filterForm(account, query, list));
  let page;
  try {
    page = await call('ledger_getAccountHistory', [request]);
  } catch (e) {
    section.append(errorBox(e.code === -32601 ? 'this node has no account index (ledger_getAccountHistory is not available)' : `history: ${e.message}`));
    return section;
  }
  const rows = await Promise.all(page.entries.map(async (entry) => {
    const token = list.find((t) => t.address === entry.token.toLowerCase());
    return [
      time(BigInt(entry.timestampMs)),
      entry.kind,
      entry.direction,
      el('span', { class: 'amount' }, token ? `${units(entry.change, token.decimals)} ${token.symbol}` : entry.change),
      BigInt(entry.counterparty) === 0n ? '—' : await addressNode(entry.counterparty),
      link(`tx/${entry.transactionHash}`, short(entry.transactionHash), { class: 'mono' }),
    ];
  }));
  section.append(
    table(`Records as of block ${BigInt(page.asOfBlock)}`, ['Time', 'Kind', 'Direction', 'Change', 'Counterparty', 'Transaction'], rows, { id: 'history' }),
    el('nav', { 'aria-label': 'History pages', class: 'pager' },
      query.cursor ? link(route(account, { token: query.token, kind: query.kind }), '← newest') : null,
      ' ',
      page.nextCursor ? link(route(account, { token: query.token, kind: query.kind, cursor: page.nextCursor }), 'older →') : null));
  return section;
}

async function chart(account, list) {
  const section = el('section', { 'aria-labelledby': 'chart-heading' }, el('h3', { id: 'chart-heading' }, 'Monthly spending'));
  const since = new Date();
  since.setUTCMonth(since.getUTCMonth() - 11, 1);
  since.setUTCHours(0, 0, 0, 0);
  const entries = [];
  let cursor = null;
  try {
    for (let i = 0; i < CHART_PAGES; i++) {
      const request = { address: account, sinceMs: since.getTime(), pageSize: CHART_PAGE_SIZE };
      if (cursor) {
        request.cursor = cursor;
      }
      const page = await call('ledger_getAccountHistory', [request]);
      entries.push(...page.entries.filter((e) => e.direction === 'out'));
      cursor = page.nextCursor;
      if (!cursor) {
        break;
      }
    }
  } catch (e) {
    section.append(errorBox(e.code === -32601 ? 'no account index on this node: no chart' : `chart: ${e.message}`));
    return section;
  }
  section.append(spendingChart(entries, list, since), cursor ? el('p', { class: 'note' }, `from the latest ${entries.length} outgoing records`) : null);
  return section;
}
