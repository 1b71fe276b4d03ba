// Compliance and settlement: frozen accounts, open escrows and HTLCs, and the FX rate board — read from the
// Compliance and Settlement modules' views, with their events (last EVENT_WINDOW blocks) saying which accounts
// and rates to ask about.
import { el, render, table, units, time, errorBox } from '../dom.js';
import { call } from '../rpc.js';
import { moduleNamed, views, tokens, describeLog } from '../chain.js';
import { addressNode } from '../describe.js';
import { topic } from '../abi.js';

// eth_getLogs answers at most MaxLogBlockRange (10,000) blocks per call.
const EVENT_WINDOW = 10000n;
// Escrows and HTLCs are numbered 1…count: the newest LATEST_IDS of each are read (one bounded batch each).
const LATEST_IDS = 50;
const RATE_SCALE = 10n ** 18n;

async function logsOf(module, names) {
  const entries = [...module.index.events.values()].filter((e) => names.includes(e.name));
  const head = BigInt(await call('eth_blockNumber'));
  const from = head >= EVENT_WINDOW ? head - EVENT_WINDOW + 1n : 0n;
  const logs = await call('eth_getLogs', [{
    address: module.address, topics: [entries.map(topic)], fromBlock: `0x${from.toString(16)}`, toBlock: `0x${head.toString(16)}`,
  }]);
  const decoded = [];
  for (const log of logs) {
    const d = await describeLog(log);
    if (d) {
      decoded.push({ name: d.entry.name, args: Object.fromEntries(d.args.map((a) => [a.name, a.value])), log });
    }
  }
  return { decoded, from, head };
}

async function section(title, id, build) {
  const holder = el('section', { 'aria-labelledby': `${id}-heading` }, el('h3', { id: `${id}-heading` }, title));
  try {
    holder.append(await build());
  } catch (e) {
    holder.append(errorBox(`${title}: ${e.message}`));
  }
  return holder;
}

export async function show(main) {
  const [compliance, settlement, list] = await Promise.all([moduleNamed('Compliance'), moduleNamed('Settlement'), tokens()]);
  const symbolOf = (address) => list.find((t) => t.address === String(address).toLowerCase());
  render(main,
    el('h2', {}, 'Compliance and settlement'),
    await section('Frozen accounts', 'frozen', () => frozen(compliance)),
    await section('Open escrows', 'escrows', () => openItems(settlement, 'escrowCount', 'getSettlement', symbolOf, 'escrows')),
    await section('Locked HTLCs', 'htlcs', () => openItems(settlement, 'htlcCount', 'getHtlc', symbolOf, 'htlcs')),
    await section('FX rate board', 'rates', () => rates(settlement)));
  return null;
}

async function frozen(compliance) {
  const { decoded, from, head } = await logsOf(compliance, ['AccountFrozen', 'AccountUnfrozen']);
  const accounts = [...new Set(decoded.map((d) => d.args.account.toLowerCase()))];
  const answers = await views(accounts.map((a) => [compliance.address, 'freezeOf', [a]]));
  const rows = [];
  for (const [i, account] of accounts.entries()) {
    const f = answers[i].value;
    if (f?.frozen) {
      rows.push([await addressNode(account), f.byRegulator ? 'regulator' : await addressNode(f.by), f.reason]);
    }
  }
  return table(`Accounts frozen now (freezes seen in blocks ${from}–${head})`, ['Account', 'Frozen by', 'Reason'], rows, { id: 'frozen-accounts' });
}

async function openItems(settlement, countName, getName, symbolOf, id) {
  const [count] = (await views([[settlement.address, countName, []]])).map((a) => {
    if (a.error) {
      throw a.error;
    }
    return a.value.list[0];
  });
  const ids = [];
  for (let n = count; n >= 1n && ids.length < LATEST_IDS; n--) {
    ids.push(n);
  }
  const answers = await views(ids.map((n) => [settlement.address, getName, [n]]));
  const rows = [];
  for (const [i, n] of ids.entries()) {
    const item = answers[i].value;
    if (!item || item.state !== 1n) {
      continue; // 1 = Open (escrow) / Locked (HTLC); the rest are settled
    }
    const token = symbolOf(item.token);
    rows.push([
      `#${n}`,
      await addressNode(item.payer || item.sender),
      await addressNode(item.beneficiary || item.recipient),
      token ? `${units(item.amount, token.decimals)} ${token.symbol}` : String(item.amount),
      time(item.deadline * 1000n),
    ]);
  }
  return table(`Open among the newest ${ids.length} of ${count}`, ['Id', 'From', 'To', 'Amount', 'Deadline'], rows, { id });
}

async function rates(settlement) {
  const { decoded, from, head } = await logsOf(settlement, ['RatePosted']);
  const pairs = new Map();
  for (const d of decoded) {
    pairs.set(`${d.args.provider.toLowerCase()}|${d.args.base}|${d.args.quote}`, d.args);
  }
  const keys = [...pairs.values()];
  const answers = await views(keys.map((k) => [settlement.address, 'getRate', [k.provider, k.base, k.quote]]));
  const now = BigInt(Math.floor(Date.now() / 1000));
  const rows = [];
  for (const [i, k] of keys.entries()) {
    const r = answers[i].value;
    if (!r) {
      continue;
    }
    rows.push([
      `${k.base}/${k.quote}`,
      units((r.rate * 1000000n) / RATE_SCALE, 6),
      await addressNode(k.provider),
      time(r.postedAt * 1000n),
      r.validUntil < now ? 'stale' : `valid until ${time(r.validUntil * 1000n)}`,
    ]);
  }
  return table(`Posted rates (posts seen in blocks ${from}–${head})`, ['Pair', 'Rate', 'Provider', 'Posted', 'State'], rows, { id: 'fx-rates' });
}
