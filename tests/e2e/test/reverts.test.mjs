// What a client sees when the ledger refuses a payment: a CALL_EXCEPTION carrying the module's reason.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Contract, Wallet } from 'ethers';
import { DEPOSIT_TOKEN_ABI, TOKENS, connect, devWallet } from '../lib/ledger.mjs';

const provider = connect();
after(() => provider.destroy());

async function rejectsWithReason(promise, pattern) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.code, 'CALL_EXCEPTION', `expected CALL_EXCEPTION, got ${error.code}: ${error.message}`);
    assert.equal(typeof error.reason, 'string', `no revert reason in ${error.message}`);
    assert.match(error.reason, pattern);
    return true;
  });
}

describe('a refused payment', { timeout: 60_000 }, () => {
  it('from an unregistered wallet reverts with a reason about registration', async () => {
    const stranger = Wallet.createRandom().connect(provider);
    const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, stranger);
    const recipient = devWallet(3, provider).address;
    await rejectsWithReason(usda.transfer.staticCall(recipient, 1n), /regist/i);
    await rejectsWithReason(usda.transfer.estimateGas(recipient, 1n), /regist/i);
    // Sending goes through estimateGas first, so the wallet never signs a doomed transaction.
    await rejectsWithReason(usda.transfer(recipient, 1n), /regist/i);
  });

  it('to an unregistered wallet reverts with a reason about registration', async () => {
    const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, devWallet(4, provider));
    await rejectsWithReason(usda.transfer.staticCall(Wallet.createRandom().address, 1n), /regist/i);
  });

  it('for a mint by a non-issuer reverts, while the issuer may mint', async () => {
    const target = devWallet(5, provider).address;
    const asCustomer = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, devWallet(5, provider));
    await rejectsWithReason(asCustomer.mint.staticCall(target, 100n), /issuer/i);
    // Bank B's operator issues EURB, not USDA.
    const asOtherBank = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, devWallet(1, provider));
    await rejectsWithReason(asOtherBank.mint.staticCall(target, 100n), /issuer/i);
    // Control: the same call by Bank A's operator (USDA's issuer) succeeds, so the reverts above are about
    // who calls, not about the call's encoding.
    const asIssuer = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, devWallet(0, provider));
    await asIssuer.mint.staticCall(target, 100n);
  });

  it('beyond the balance reverts with a reason', async () => {
    const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, devWallet(6, provider));
    const balance = await usda.balanceOf(devWallet(6, provider).address);
    await rejectsWithReason(usda.transfer.staticCall(devWallet(7, provider).address, balance + 1n), /balance/i);
  });
});
