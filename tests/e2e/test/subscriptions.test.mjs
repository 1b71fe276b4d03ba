// Live data for DeFi clients: ethers' WebSocketProvider (blocks, pending transactions, contract.on events over
// eth_subscribe) and the HTTP polling filters (eth_newFilter, eth_newBlockFilter, eth_getFilterChanges …).
// Only this file sends transactions from dev account 2, so its nonces never race another test file.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Contract, WebSocketProvider, toQuantity, zeroPadValue } from 'ethers';
import { DEPOSIT_TOKEN_ABI, RECEIPT_TIMEOUT_MS, TOKENS, connect, devWallet, rpcUrl } from '../lib/ledger.mjs';

const http = connect();
const ws = new WebSocketProvider(rpcUrl().replace(/^http/, 'ws'));
after(async () => {
  http.destroy();
  await ws.destroy();
});

const sender = devWallet(2, http);
const recipient = devWallet(3).address;
const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, sender);

/** Waits for the first event of an ethers emitter for which predicate holds, then stops listening. */
function once(emitter, event, predicate = () => true) {
  return new Promise((resolve) => {
    const listener = async (...args) => {
      if (await predicate(...args)) {
        await emitter.off(event, listener);
        resolve(args);
      }
    };
    emitter.on(event, listener);
  });
}

describe('subscriptions over WebSocket (ethers WebSocketProvider)', { timeout: 60_000, concurrency: false }, () => {
  it('serves ordinary requests on the same port', async () => {
    assert.equal((await ws.getNetwork()).chainId, 4242n);
    assert.ok((await ws.getBlockNumber()) >= 0);
  });

  it('notifies new blocks', async () => {
    const start = await http.getBlockNumber();
    const [number] = await once(ws, 'block', (n) => n > start);
    const block = await http.getBlock(number);
    assert.equal(block.number, number);
  });

  it('notifies a pending transaction by hash before it commits or as it does', async () => {
    const seen = new Set();
    const listener = (hash) => seen.add(hash);
    await ws.on('pending', listener);
    // Let the subscription be registered before sending.
    await ws.send('eth_blockNumber', []);
    const tx = await usda.transfer(recipient, 1n);
    await tx.wait(1, RECEIPT_TIMEOUT_MS);
    await ws.send('eth_blockNumber', []);
    await ws.off('pending', listener);
    assert.ok(seen.has(tx.hash), `pending notifications did not include ${tx.hash}`);
  });

  it('delivers contract.on Transfer events with decoded arguments', async () => {
    const watched = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, ws);
    const filter = watched.filters.Transfer(sender.address, recipient);
    const event = new Promise((resolve) => {
      // ethers passes the decoded arguments then the payload; with a topic filter it may pass the payload alone.
      watched.on(filter, (...args) => {
        const payload = args.at(-1);
        resolve({ from: payload.args.from, to: payload.args.to, value: payload.args.value, payload });
      });
    });
    await ws.send('eth_blockNumber', []);
    const tx = await usda.transfer(recipient, 2n);
    const got = await event;
    await watched.removeAllListeners();
    assert.equal(got.from, sender.address);
    assert.equal(got.to, recipient);
    assert.equal(got.value, 2n);
    assert.equal(got.payload.log.transactionHash, tx.hash);
  });
});

describe('polling filters over HTTP', { timeout: 60_000, concurrency: false }, () => {
  it('a block filter reports the hashes of new blocks', async () => {
    // The head before the filter exists: every block the filter reports is later than it.
    const start = await http.getBlockNumber();
    const id = await http.send('eth_newBlockFilter', []);
    await once(http, 'block', (n) => n > start);
    const hashes = await http.send('eth_getFilterChanges', [id]);
    assert.ok(hashes.length >= 1, 'no block hashes after a new block');
    const block = await http.getBlock(hashes[0]);
    assert.ok(block && block.number > start, `hash ${hashes[0]} is not a new block`);
    assert.equal(await http.send('eth_uninstallFilter', [id]), true);
    assert.equal(await http.send('eth_uninstallFilter', [id]), false);
  });

  it('a log filter reports a new Transfer once, and getFilterLogs finds it', async () => {
    const transferTopic = usda.interface.getEvent('Transfer').topicHash;
    // An explicit fromBlock: without one, eth_getFilterLogs reads only the latest block, which on a busy chain
    // (a testnet validator makes a block every ~130 ms) has often moved past the transfer's block.
    const fromBlock = toQuantity(await http.getBlockNumber());
    const id = await http.send('eth_newFilter', [{ fromBlock, address: TOKENS.USDA, topics: [transferTopic, zeroPadValue(sender.address, 32)] }]);
    const tx = await usda.transfer(recipient, 3n);
    const receipt = await tx.wait(1, RECEIPT_TIMEOUT_MS);
    const changes = await http.send('eth_getFilterChanges', [id]);
    assert.deepEqual(changes.map((l) => l.transactionHash), [tx.hash]);
    assert.deepEqual(await http.send('eth_getFilterChanges', [id]), []);

    const all = await http.send('eth_getFilterLogs', [id]);
    assert.ok(all.some((l) => l.transactionHash === tx.hash && l.blockHash === receipt.blockHash));
    await http.send('eth_uninstallFilter', [id]);
  });

  it('a pending transaction filter reports a sent transaction', async () => {
    const id = await http.send('eth_newPendingTransactionFilter', []);
    const tx = await usda.transfer(recipient, 4n);
    await tx.wait(1, RECEIPT_TIMEOUT_MS);
    const hashes = await http.send('eth_getFilterChanges', [id]);
    assert.ok(hashes.includes(tx.hash), `filter changes ${JSON.stringify(hashes)} lack ${tx.hash}`);
  });

  it('an unknown filter is an error with code -32000', async () => {
    await assert.rejects(http.send('eth_getFilterChanges', ['0xdeadbeef']), (e) => {
      assert.equal(e.error?.code, -32000);
      assert.match(e.error?.message, /filter not found/);
      return true;
    });
  });

  it('eth_subscribe over HTTP says notifications are not supported', async () => {
    await assert.rejects(http.send('eth_subscribe', ['newHeads']), (e) => {
      assert.equal(e.error?.code, -32601);
      return true;
    });
  });
});
