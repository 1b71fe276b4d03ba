// What the console knows about the chain: modules (ABI from ledger_getModules) and tokens (ledger_getTokens),
// loaded once per page load, and view calls (eth_call) encoded and decoded from those ABIs.
import { call, batch } from './rpc.js';
import { indexAbi, encodeCall, decode, decodeCall, decodeLog } from './abi.js';

let modulesPromise = null;
let tokensPromise = null;

/** Forgets the cached modules and tokens (after the token changes, a refused first load can be retried). */
export function reset() {
  modulesPromise = null;
  tokensPromise = null;
}

/** [{name, address, index}] with address lowercase. */
export function modules() {
  modulesPromise ??= call('ledger_getModules').then((list) => list.map((m) => ({
    name: m.name,
    address: m.address.toLowerCase(),
    index: indexAbi(m.abi),
  }))).catch((e) => {
    modulesPromise = null;
    throw e;
  });
  return modulesPromise;
}

/** [{address, symbol, name, currency, decimals, issuer}] with address lowercase. */
export function tokens() {
  tokensPromise ??= call('ledger_getTokens').then((list) => list.map((t) => ({ ...t, address: t.address.toLowerCase() })))
    .catch((e) => {
      tokensPromise = null;
      throw e;
    });
  return tokensPromise;
}

export async function moduleAt(address) {
  const lower = String(address || '').toLowerCase();
  return (await modules()).find((m) => m.address === lower) || null;
}

export async function moduleNamed(name) {
  return (await modules()).find((m) => m.name === name) || null;
}

export async function tokenAt(address) {
  const lower = String(address || '').toLowerCase();
  return (await tokens()).find((t) => t.address === lower) || null;
}

function callParams(module, name, args) {
  const entry = module.index.byName.get(name);
  if (!entry) {
    throw new Error(`${module.name} has no function ${name}`);
  }
  return { entry, params: [{ to: module.address, data: encodeCall(entry, args) }, 'latest'] };
}

function named(entry, values) {
  const out = {};
  entry.outputs.forEach((o, i) => {
    out[o.name || String(i)] = values[i];
  });
  out.list = values;
  return out;
}

/** Calls a view function of the module at address; returns outputs by name (and .list in order). */
export async function view(address, name, args = []) {
  const module = await moduleAt(address);
  if (!module) {
    throw new Error(`no module at ${address}`);
  }
  const { entry, params } = callParams(module, name, args);
  const data = await call('eth_call', params);
  return named(entry, decode(entry.outputs.map((o) => o.type), data));
}

/**
 * Many view calls in one JSON-RPC batch: requests are [address, name, args]; answers {value} or {error} in order.
 * Callers keep batches small (tens of calls), well under the node's batch limit.
 */
export async function views(requests) {
  const prepared = [];
  for (const [address, name, args] of requests) {
    const module = await moduleAt(address);
    prepared.push(callParams(module, name, args || []));
  }
  const answers = await batch(prepared.map((p) => ['eth_call', p.params]));
  return answers.map((a, i) => (a.error
    ? { error: a.error }
    : { value: named(prepared[i].entry, decode(prepared[i].entry.outputs.map((o) => o.type), a.result)) }));
}

/** The decoded call of a transaction: {module, entry, args} or null for an unknown target or selector. */
export async function describeCall(to, input) {
  const module = await moduleAt(to);
  if (!module || !input || input.length < 10) {
    return null;
  }
  const decoded = decodeCall(module.index, input);
  return decoded ? { module, ...decoded } : null;
}

/** The decoded event of a log: {module, entry, args} or null. */
export async function describeLog(log) {
  const module = await moduleAt(log.address);
  if (!module) {
    return null;
  }
  const decoded = decodeLog(module.index, log);
  return decoded ? { module, ...decoded } : null;
}

/** Resolves an alias (name@bank-id) to an address through the Directory module; null when nobody holds it. */
export async function resolveAlias(alias) {
  const directory = await moduleNamed('Directory');
  try {
    const answer = await view(directory.address, 'resolve', [alias]);
    return answer.list[0];
  } catch (e) {
    if (e.code === 3 || /no account holds alias/.test(e.message)) {
      return null;
    }
    throw e;
  }
}

/**
 * A block's header (eth_getHeaderByNumber: no transaction list) with its transaction count, and the transactions
 * offset..offset+limit by index, in one batch. The node decodes only what each call returns, so a page of a block of
 * thousands of transactions costs the page, not the block (a full eth_getBlockByNumber was ~6 MB of JSON at 7,700).
 */
export async function blockTransactions(number, limit, offset = 0) {
  const tag = `0x${BigInt(number).toString(16)}`;
  const [headerAnswer, countAnswer] = await batch([['eth_getHeaderByNumber', [tag]], ['eth_getBlockTransactionCountByNumber', [tag]]]);
  if (headerAnswer.error || countAnswer.error) {
    throw new Error((headerAnswer.error || countAnswer.error).message);
  }
  if (!headerAnswer.result) {
    return null;
  }
  const count = Number(BigInt(countAnswer.result));
  const indexes = [];
  for (let i = offset; i < Math.min(count, offset + limit); i++) {
    indexes.push(i);
  }
  const answers = indexes.length > 0
    ? await batch(indexes.map((i) => ['eth_getTransactionByBlockNumberAndIndex', [tag, `0x${i.toString(16)}`]]))
    : [];
  return { block: headerAnswer.result, transactions: answers.filter((a) => a.result).map((a) => a.result), count };
}
