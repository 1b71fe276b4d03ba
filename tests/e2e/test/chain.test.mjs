// Discovery: what an ethers client sees when it first connects to a Ledger node.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Contract } from 'ethers';
import { CHAIN_ID, DEPOSIT_TOKEN_ABI, IDENTITY_REGISTRY, TOKENS, connect, devWallet } from '../lib/ledger.mjs';

const provider = connect();
after(() => provider.destroy());

describe('a client connecting to a dev node', { timeout: 60_000 }, () => {
  it('sees chain id 4242', async () => {
    const network = await provider.getNetwork();
    assert.equal(network.chainId, CHAIN_ID);
    assert.equal(BigInt(await provider.send('eth_chainId', [])), CHAIN_ID);
  });

  it('reads a block number and the latest block', async () => {
    const number = await provider.getBlockNumber();
    assert.ok(number >= 0, `block number ${number}`);
    const block = await provider.getBlock('latest');
    assert.ok(block, 'eth_getBlockByNumber("latest") returned null');
    assert.ok(block.number >= number, `latest block ${block.number} is behind eth_blockNumber ${number}`);
    assert.match(block.hash, /^0x[0-9a-f]{64}$/);
  });

  it('lists the USDA deposit token in ledger_getTokens', async () => {
    const tokens = await provider.send('ledger_getTokens', []);
    assert.ok(Array.isArray(tokens), `ledger_getTokens returned ${JSON.stringify(tokens)}`);
    const usda = tokens.find((t) => t.symbol === 'USDA');
    assert.ok(usda, `no USDA in ${JSON.stringify(tokens)}`);
    assert.equal(usda.address.toLowerCase(), TOKENS.USDA);
    assert.equal(Number(usda.decimals), 2);
  });

  it('lists the identity registry with its ABI in ledger_getModules', async () => {
    const modules = await provider.send('ledger_getModules', []);
    assert.ok(Array.isArray(modules), `ledger_getModules returned ${JSON.stringify(modules)}`);
    const registry = modules.find((m) => m.address.toLowerCase() === IDENTITY_REGISTRY);
    assert.ok(registry, `no module at ${IDENTITY_REGISTRY} in ${JSON.stringify(modules.map((m) => m.name))}`);
    assert.equal(typeof registry.name, 'string');
    const abi = typeof registry.abi === 'string' ? JSON.parse(registry.abi) : registry.abi;
    assert.ok(Array.isArray(abi) && abi.some((f) => f.name === 'isVerified'), 'the registry ABI lacks isVerified');
  });

  it('finds code at module addresses and none at a plain account', async () => {
    assert.notEqual(await provider.getCode(TOKENS.USDA), '0x');
    assert.notEqual(await provider.getCode(IDENTITY_REGISTRY), '0x');
    assert.equal(await provider.getCode(devWallet(1, provider).address), '0x');
  });

  it('reads ERC-20 metadata and a genesis balance through an ethers Contract', async () => {
    const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, provider);
    assert.equal(await usda.symbol(), 'USDA');
    assert.equal(await usda.decimals(), 2n);
    // Account 9 is registered at genesis and no test moves its funds: 1,000,000.00 at 2 decimals.
    assert.equal(await usda.balanceOf(devWallet(9, provider).address), 100_000_000n);
    assert.ok((await usda.totalSupply()) >= 10n * 100_000_000n);
  });
});
