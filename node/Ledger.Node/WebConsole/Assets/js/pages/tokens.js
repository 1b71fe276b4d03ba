// Tokens: supply, issuer and minted/burned/redeemed per token (the token's own counters, read with supplyInfo),
// and for one token its holders (paged with balancesOf) and its latest mint/burn/redeem events (from logs).
import { el, render, link, short, table, units, facts, errorBox } from '../dom.js';
import { call } from '../rpc.js';
import { tokens, views, view, describeLog, moduleAt } from '../chain.js';
import { addressNode } from '../describe.js';
import { topic } from '../abi.js';

const HOLDERS_PAGE = 25;
// eth_getLogs answers at most MaxLogBlockRange (10,000) blocks per call: the event list covers that window.
const EVENT_WINDOW = 10000n;
const EVENTS_SHOWN = 25;

export async function show(main, [symbol, startText]) {
  if (symbol) {
    return showToken(main, symbol, BigInt(/^\d+$/.test(startText || '') ? startText : 0));
  }
  const list = await tokens();
  const answers = await views(list.map((t) => [t.address, 'supplyInfo', []]));
  const rows = await Promise.all(list.map(async (t, i) => {
    const s = answers[i].value;
    const fmt = (v) => (s ? units(v, t.decimals) : '—');
    return [
      link(`tokens/${t.symbol}`, t.symbol),
      t.name,
      t.currency,
      t.issuer,
      el('span', { class: 'amount', 'data-supply': t.symbol }, s ? fmt(s.supply) : answers[i].error.message),
      s ? fmt(s.minted) : '—',
      s ? fmt(s.burned) : '—',
      s ? fmt(s.redeemed) : '—',
      s ? String(s.holders) : '—',
    ];
  }));
  render(main,
    el('h2', {}, 'Tokens'),
    table('Deposit tokens', ['Token', 'Name', 'Currency', 'Issuer bank', 'Supply', 'Minted', 'Burned', 'Redeemed', 'Holders'], rows, { id: 'token-table' }));
  return null;
}

async function showToken(main, symbol, start) {
  const token = (await tokens()).find((t) => t.symbol === symbol);
  if (!token) {
    render(main, el('h2', {}, 'Token not found'), errorBox(`no token "${symbol}"`));
    return null;
  }
  const [info, issuer] = await Promise.all([view(token.address, 'supplyInfo'), view(token.address, 'issuer')]);
  render(main,
    el('h2', {}, `${token.symbol} — ${token.name}`),
    facts([
      ['Supply', `${units(info.supply, token.decimals)} ${token.symbol}`, 'token-supply'],
      ['Minted', units(info.minted, token.decimals)],
      ['Burned', units(info.burned, token.decimals)],
      ['Redeemed', units(info.redeemed, token.decimals)],
      ['Held (pending release)', units(info.held, token.decimals)],
      ['Currency', token.currency],
      ['Issuer', el('span', {}, `${token.issuer} `, await addressNode(issuer.list[0]))],
      ['Holders', String(info.holders)],
    ]),
    await holders(token, symbol, start),
    await supplyEvents(token));
  return null;
}

// Holders come from the node's supervisory read ledger_getTokenHolders, which its access layer grants to the
// regulator and operator roles (and to everyone on a node without authentication, such as `ledger dev`); any other
// token sees the node's refusal. The console never reads "as" an account.
async function holders(token, symbol, start) {
  const section = el('section', { 'aria-labelledby': 'holders-heading' }, el('h3', { id: 'holders-heading' }, 'Holders'));
  let page;
  try {
    const answer = await call('ledger_getTokenHolders', [token.address, `0x${start.toString(16)}`, `0x${HOLDERS_PAGE.toString(16)}`]);
    page = { accounts: answer.holders.map((h) => h.address), balances: answer.holders.map((h) => BigInt(h.balance)), total: BigInt(answer.total) };
  } catch (e) {
    section.append(el('p', { class: 'note', id: 'holders-refused' }, `not listed: ${e.message}`));
    return section;
  }
  const holderRows = await Promise.all(page.accounts.map(async (a, i) => [await addressNode(a), el('span', { class: 'amount' }, units(page.balances[i], token.decimals))]));
  const next = start + BigInt(page.accounts.length);
  section.append(
    table(`Holders ${start + 1n}–${next} of ${page.total}`, ['Account', 'Balance'], holderRows, { id: 'holders' }),
    el('nav', { 'aria-label': 'Holder pages', class: 'pager' },
      start > 0n ? link(`tokens/${symbol}/${start > BigInt(HOLDERS_PAGE) ? start - BigInt(HOLDERS_PAGE) : 0n}`, '← previous holders') : null,
      ' ',
      next < page.total ? link(`tokens/${symbol}/${next}`, 'next holders →') : null));
  return section;
}

async function supplyEvents(token) {
  const module = await moduleAt(token.address);
  const wanted = ['Minted', 'Burned', 'Redeemed'].map((n) => [...module.index.events.values()].find((e) => e.name === n)).filter(Boolean);
  const head = BigInt(await call('eth_blockNumber'));
  const from = head >= EVENT_WINDOW ? head - EVENT_WINDOW + 1n : 0n;
  let logs;
  try {
    logs = await call('eth_getLogs', [{
      address: token.address,
      topics: [wanted.map(topic)],
      fromBlock: `0x${from.toString(16)}`,
      toBlock: `0x${head.toString(16)}`,
    }]);
  } catch (e) {
    return errorBox(`supply events: ${e.message}`);
  }
  const rows = [];
  for (const log of logs.slice(-EVENTS_SHOWN).reverse()) {
    const d = await describeLog(log);
    const amount = d?.args.find((a) => a.name === 'amount');
    const account = d?.args.find((a) => a.type === 'address');
    rows.push([
      link(`tx/${log.transactionHash}`, short(log.transactionHash), { class: 'mono' }),
      String(BigInt(log.blockNumber)),
      d ? d.entry.name : '?',
      account ? await addressNode(account.value) : '—',
      amount ? units(amount.value, token.decimals) : '—',
    ]);
  }
  return table(`Latest mints, burns and redemptions (blocks ${from}–${head})`, ['Transaction', 'Block', 'Event', 'Account', 'Amount'], rows);
}
