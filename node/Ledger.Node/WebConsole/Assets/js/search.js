// Search: a block number, a block or transaction hash, an address, an alias (name@bank-id) or a token symbol.
import { call } from './rpc.js';
import { resolveAlias, tokens } from './chain.js';

/** The route to open for the query, or null when nothing matches. */
export async function search(query) {
  const q = query.trim();
  if (q === '') {
    return null;
  }
  if (/^\d+$/.test(q)) {
    const block = await call('eth_getHeaderByNumber', [`0x${BigInt(q).toString(16)}`]);
    return block ? `block/${BigInt(q)}` : null;
  }
  if (/^0x[0-9a-fA-F]{64}$/.test(q)) {
    const hash = q.toLowerCase();
    if (await call('eth_getTransactionByHash', [hash])) {
      return `tx/${hash}`;
    }
    return (await call('eth_getHeaderByHash', [hash])) ? `block/${hash}` : null;
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(q)) {
    return `account/${q.toLowerCase()}`;
  }
  if (q.includes('@')) {
    const address = await resolveAlias(q.toLowerCase());
    return address ? `account/${address}` : null;
  }
  const token = (await tokens()).find((t) => t.symbol.toLowerCase() === q.toLowerCase());
  return token ? `tokens/${token.symbol}` : null;
}
