// The payment flow of a DeFi client: sign a token transfer locally, send it, wait, read the log and balances.
// Only this file sends transactions from dev account 1, so its nonces never race another test file.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Contract, Transaction, parseUnits, zeroPadValue } from 'ethers';
import { CHAIN_ID, DEPOSIT_TOKEN_ABI, RECEIPT_TIMEOUT_MS, TOKENS, connect, devWallet } from '../lib/ledger.mjs';

const provider = connect();
after(() => provider.destroy());

const sender = devWallet(1, provider);
const recipient = devWallet(2, provider).address;
const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, sender);

async function balances() {
  return { from: await usda.balanceOf(sender.address), to: await usda.balanceOf(recipient) };
}

function transferLogsOf(receipt) {
  return receipt.logs
    .filter((log) => log.address.toLowerCase() === TOKENS.USDA)
    .map((log) => usda.interface.parseLog(log))
    .filter((parsed) => parsed?.name === 'Transfer');
}

async function assertTransferred(receipt, before, amount) {
  assert.equal(receipt.status, 1, `receipt status ${receipt.status}`);
  const transfers = transferLogsOf(receipt);
  assert.equal(transfers.length, 1, `expected one Transfer log, got ${JSON.stringify(receipt.logs)}`);
  assert.equal(transfers[0].args.from, sender.address);
  assert.equal(transfers[0].args.to, recipient);
  assert.equal(transfers[0].args.value, amount);
  const afterBalances = await balances();
  assert.equal(before.from - afterBalances.from, amount, 'sender balance did not drop by exactly the amount');
  assert.equal(afterBalances.to - before.to, amount, 'recipient balance did not rise by exactly the amount');
}

describe('a token transfer signed by ethers', { timeout: 60_000, concurrency: false }, () => {
  it('commits as an EIP-1559 (type 2) transaction with a Transfer log and exact balance changes', async () => {
    const amount = parseUnits('12.34', 2);
    const before = await balances();
    const tx = await usda.transfer(recipient, amount, { type: 2 });
    assert.equal(tx.type, 2);
    const receipt = await tx.wait(1, RECEIPT_TIMEOUT_MS);
    assert.equal(receipt.hash, tx.hash);
    await assertTransferred(receipt, before, amount);
  });

  it('commits as a legacy (type 0) transaction with gas price 0', async () => {
    const amount = parseUnits('0.05', 2);
    const before = await balances();
    const tx = await usda.transfer(recipient, amount, { type: 0, gasPrice: 0n });
    assert.equal(tx.type, 0);
    const receipt = await tx.wait(1, RECEIPT_TIMEOUT_MS);
    await assertTransferred(receipt, before, amount);
  });

  it('reports the sender and hash that ethers computed for the signed bytes', async () => {
    const request = await sender.populateTransaction(
      await usda.transfer.populateTransaction(recipient, 1n, { type: 0, gasPrice: 0n }));
    const signed = await sender.signTransaction(request);
    const local = Transaction.from(signed);
    assert.equal(local.chainId, CHAIN_ID);

    const returnedHash = await provider.send('eth_sendRawTransaction', [signed]);
    assert.equal(returnedHash, local.hash, 'eth_sendRawTransaction returned a different hash than ethers computed');
    const receipt = await provider.waitForTransaction(local.hash, 1, RECEIPT_TIMEOUT_MS);
    assert.equal(receipt?.status, 1);

    const byHash = await provider.send('eth_getTransactionByHash', [local.hash]);
    assert.ok(byHash, 'eth_getTransactionByHash returned null for a committed transaction');
    assert.equal(byHash.hash, local.hash);
    assert.equal(byHash.from.toLowerCase(), sender.address.toLowerCase());
    assert.equal(byHash.to.toLowerCase(), TOKENS.USDA);
    assert.equal(BigInt(byHash.nonce), BigInt(local.nonce));
    assert.equal(byHash.blockHash, receipt.blockHash);
  });

  it('finds the Transfer through eth_getLogs by address and topics', async () => {
    const amount = 7n;
    const tx = await usda.transfer(recipient, amount);
    const receipt = await tx.wait(1, RECEIPT_TIMEOUT_MS);
    const transferTopic = usda.interface.getEvent('Transfer').topicHash;
    const logs = await provider.getLogs({
      address: TOKENS.USDA,
      topics: [transferTopic, zeroPadValue(sender.address, 32), zeroPadValue(recipient, 32)],
      fromBlock: receipt.blockNumber,
      toBlock: receipt.blockNumber,
    });
    const ours = logs.filter((log) => log.transactionHash === tx.hash);
    assert.equal(ours.length, 1, `eth_getLogs returned ${JSON.stringify(logs)}`);
    assert.equal(usda.interface.parseLog(ours[0]).args.value, amount);
    assert.equal(ours[0].blockHash, receipt.blockHash);

    // A topic filter for another sender must not match this log.
    const others = await provider.getLogs({
      address: TOKENS.USDA,
      topics: [transferTopic, zeroPadValue(recipient, 32)],
      fromBlock: receipt.blockNumber,
      toBlock: receipt.blockNumber,
    });
    assert.equal(others.filter((log) => log.transactionHash === tx.hash).length, 0);
  });
});
