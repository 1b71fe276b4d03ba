// Shared helpers for the end-to-end tests: where the node is, the dev accounts, the token ABI.
// Kept out of test/ so that `node --test` does not run this file as a test.
import { HDNodeWallet, JsonRpcProvider } from 'ethers';

/** The public Hardhat/Anvil test mnemonic the dev genesis uses (dev-only keys, never for real funds). */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export const CHAIN_ID = 4242n;

export const TOKENS = Object.freeze({
  USDA: '0x2000000000000000000000000000000000000001',
  EURA: '0x2000000000000000000000000000000000000002',
  EURB: '0x2000000000000000000000000000000000000003',
  GBPC: '0x2000000000000000000000000000000000000004',
  SGDD: '0x2000000000000000000000000000000000000005',
});

export const IDENTITY_REGISTRY = '0x1000000000000000000000000000000000000001';

/** The ERC-20 surface plus the issuer-only mint/burn of a deposit token, as a DeFi client would write it. */
export const DEPOSIT_TOKEN_ABI = [
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address owner) view returns (uint256)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
  'function mint(address to, uint256 amount)',
  'function burn(address from, uint256 amount)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
];

/** The RPC URL of the node under test; the C# harness (JavaScriptClientTests) sets it. */
export function rpcUrl() {
  const url = process.env.LEDGER_RPC_URL;
  if (!url) {
    throw new Error('LEDGER_RPC_URL is not set: start a node (`ledger dev`) and export LEDGER_RPC_URL=http://127.0.0.1:8545');
  }
  return url;
}

/**
 * A provider tuned for a chain with sub-second, on-demand blocks. ethers' defaults assume Ethereum's 12 s
 * blocks: it polls every 4 s and caches each answer (eth_blockNumber, eth_getTransactionCount …) for 250 ms.
 * Here a block commits within that window, so a cached block number makes `tx.wait()` count 0 confirmations
 * and, on an idle chain where no further block comes, wait forever; a cached pending nonce makes the next
 * transaction reuse a nonce. Hence fast polling and no cache.
 */
export function connect() {
  return new JsonRpcProvider(rpcUrl(), undefined, { pollingInterval: 100, cacheTimeout: -1 });
}

/** How long a test waits for a receipt before failing with ethers' TIMEOUT instead of hanging. */
export const RECEIPT_TIMEOUT_MS = 30_000;

/** Dev account i (m/44'/60'/0'/0/i), connected to the provider. */
export function devWallet(index, provider) {
  return HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).connect(provider);
}

/** Posts a raw body to the RPC endpoint and returns the parsed JSON answer (for protocol-level checks). */
export async function postRaw(body) {
  const response = await fetch(rpcUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) };
  } catch {
    throw new Error(`the node answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`);
  }
}
