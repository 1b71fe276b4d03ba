// The transaction pool as ethers sees it: a transaction behind a nonce gap waits in txpool_content.queued until
// the gap closes; a transaction with the same sender and nonce replaces the waiting one whatever its fee (no fees,
// so no price bump); the same bytes twice are "already known". The sender is a fresh random key, so no other
// test file can race its nonces; bank D's compliance officer (dev account 18, used by no other test file) registers
// it first, since only registered accounts may send. Its transfers revert (no balance) but still commit and use
// their nonces. ledger_getTransactionStatus follows each transaction.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Contract, Interface, Transaction, Wallet, parseUnits } from 'ethers';
import { CHAIN_ID, DEPOSIT_TOKEN_ABI, IDENTITY_REGISTRY, RECEIPT_TIMEOUT_MS, TOKENS, connect, devWallet } from '../lib/ledger.mjs';

const provider = connect();
after(() => provider.destroy());

const sender = Wallet.createRandom().connect(provider);

before(async () => {
  const registry = new Contract(
    IDENTITY_REGISTRY,
    ['function registerIdentity(address account, string jurisdiction, uint8 kycLevel, uint64 expiresAt)'],
    devWallet(18, provider),
  );
  const head = await provider.getBlock('latest');
  const tx = await registry.registerIdentity(sender.address, 'SG', 2, BigInt(head.timestamp) + 86_400n);
  await tx.wait(1, RECEIPT_TIMEOUT_MS);
});
const recipient = devWallet(2, provider).address;
const token = new Interface(DEPOSIT_TOKEN_ABI);

/** Signs a transfer of `amount` with an explicit nonce and fee, so the test controls both. */
function sign(nonce, amount, maxFeePerGas) {
  return sender.signTransaction({
    type: 2,
    chainId: CHAIN_ID,
    to: TOKENS.USDA,
    data: token.encodeFunctionData('transfer', [recipient, amount]),
    nonce,
    gasLimit: 200_000n,
    maxFeePerGas,
    maxPriorityFeePerGas: 0n,
  });
}

/** The pool entry of the sender at `nonce` in txpool_content's `group` (pending or queued), or undefined. */
async function poolEntry(group, nonce) {
  const content = await provider.send('txpool_content', []);
  const bySender = content[group][sender.address] ?? {};
  return bySender[String(nonce)];
}

describe('the transaction pool', { timeout: 90_000, concurrency: false }, () => {
  const gapped = {};

  it('keeps a transaction behind a nonce gap in queued, not pending', async () => {
    const filter = await provider.send('eth_newPendingTransactionFilter', []);
    gapped.raw = await sign(1, 1n, parseUnits('5', 'gwei'));
    gapped.hash = await provider.send('eth_sendRawTransaction', [gapped.raw]);
    assert.equal(gapped.hash, Transaction.from(gapped.raw).hash);

    const queued = await poolEntry('queued', 1);
    assert.ok(queued, 'nonce 1 is not in txpool_content.queued');
    assert.equal(queued.hash, gapped.hash);
    assert.equal(queued.nonce, '0x1');
    assert.equal(await poolEntry('pending', 1), undefined);
    const status = await provider.send('txpool_status', []);
    assert.ok(BigInt(status.queued) >= 1n, `txpool_status ${JSON.stringify(status)}`);
    // Pending nonce counts only transactions without a gap.
    assert.equal(await provider.getTransactionCount(sender.address, 'pending'), 0);
    const listed = await provider.send('eth_pendingTransactions', []);
    assert.ok(listed.some((tx) => tx.hash === gapped.hash), 'eth_pendingTransactions does not list it');
    const changes = await provider.send('eth_getFilterChanges', [filter]);
    assert.ok(changes.includes(gapped.hash), 'the pending-transaction filter did not report it');
  });

  it('refuses the same bytes twice as already known', async () => {
    await assert.rejects(provider.send('eth_sendRawTransaction', [gapped.raw]), /already known/);
  });

  it('replaces a waiting transaction with one of the same nonce, even at a lower fee', async () => {
    const replacementRaw = await sign(1, 2n, 0n);
    gapped.replacement = await provider.send('eth_sendRawTransaction', [replacementRaw]);

    const queued = await poolEntry('queued', 1);
    assert.equal(queued?.hash, gapped.replacement);
    assert.equal(await provider.getTransaction(gapped.hash), null, 'the replaced transaction is still known');
    const replaced = await provider.send('ledger_getTransactionStatus', [gapped.hash]);
    assert.equal(replaced.status, 'dropped');
    assert.equal(replaced.reason, 'replaced');
    assert.equal(replaced.replacedBy, gapped.replacement);
    const waiting = await provider.send('ledger_getTransactionStatus', [gapped.replacement]);
    assert.deepEqual([waiting.status, waiting.waitingForNonce], ['queued', '0x0']);
  });

  it('moves the queued transaction in once the gap closes, and both commit in nonce order', async () => {
    const first = await provider.send('eth_sendRawTransaction', [await sign(0, 1n, 0n)]);

    const firstReceipt = await provider.waitForTransaction(first, 1, RECEIPT_TIMEOUT_MS);
    const secondReceipt = await provider.waitForTransaction(gapped.replacement, 1, RECEIPT_TIMEOUT_MS);
    assert.ok(firstReceipt && secondReceipt, 'a receipt is missing');
    assert.ok(
      firstReceipt.blockNumber < secondReceipt.blockNumber
        || (firstReceipt.blockNumber === secondReceipt.blockNumber && firstReceipt.index < secondReceipt.index),
      'nonce 1 committed before nonce 0');
    assert.equal(await provider.getTransactionCount(sender.address, 'latest'), 2);
    assert.equal(await poolEntry('queued', 1), undefined);
    assert.equal(await poolEntry('pending', 1), undefined);
    assert.equal(await provider.getTransaction(gapped.hash), null, 'the replaced transaction committed after all');
    const committed = await provider.send('ledger_getTransactionStatus', [gapped.replacement]);
    assert.equal(committed.status, 'committed');
    assert.equal(BigInt(committed.blockNumber), BigInt(secondReceipt.blockNumber));
  });
});
