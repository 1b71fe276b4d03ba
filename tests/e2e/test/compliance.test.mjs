// Compliance seen from a DeFi client: the regulator freezes an account; the account's transfer reverts with the
// freeze's reason, and Compliance.canTransfer predicted exactly that reason before anything was sent.
// It also mints against a core-banking reference and redeems, checking the reconciliation events.
// Only this file uses dev account 8 (the frozen customer) and dev account 14 (the dev genesis regulator), so
// their nonces and freeze state never race another test file. The account is unfrozen again at the end.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Contract, id } from 'ethers';
import { DEPOSIT_TOKEN_ABI, RECEIPT_TIMEOUT_MS, TOKENS, connect, devWallet } from '../lib/ledger.mjs';

/** The Compliance module of the dev genesis (genesis.json `modules.Compliance`). */
const COMPLIANCE = '0x1000000000000000000000000000000000000002';

/** The part of contracts/abi/ICompliance.sol this test uses, as a bank's developer would write it. */
const COMPLIANCE_ABI = [
  'function canTransfer(address token, address from, address to, uint256 amount) view returns (bool allowed, string reason)',
  'function freezeAccount(address account, string reason)',
  'function unfreezeAccount(address account)',
  'function freezeOf(address account) view returns (bool frozen, bool byRegulator, address by, string reason)',
  'event AccountFrozen(address indexed account, address indexed by, string reason)',
];

/** The issuance surface of contracts/abi/IDepositToken.sol beyond ERC-20. */
const ISSUANCE_ABI = [
  'function mint(address to, uint256 amount, bytes32 reference)',
  'function redeem(uint256 amount, bytes32 reference)',
  'function isReferenceUsed(bytes32 reference) view returns (bool)',
  'function supplyInfo() view returns (uint256 supply, uint256 minted, uint256 burned, uint256 redeemed, uint256 held, uint256 holders)',
  'event Minted(address indexed to, uint256 amount, bytes32 indexed reference)',
  'event Redeemed(address indexed holder, uint256 amount, bytes32 indexed reference)',
];

const provider = connect();
after(() => provider.destroy());

const regulator = devWallet(14, provider);
const customer = devWallet(8, provider);
const recipient = devWallet(4, provider).address;
const compliance = new Contract(COMPLIANCE, COMPLIANCE_ABI, regulator);
const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, customer);

async function rejectsWithReason(promise, expected) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.code, 'CALL_EXCEPTION', `expected CALL_EXCEPTION, got ${error.code}: ${error.message}`);
    assert.equal(error.reason, expected);
    return true;
  });
}

describe('a frozen account', { timeout: 90_000, concurrency: false }, () => {
  const caseReference = `e2e sanctions screening ${Date.now()}`;

  it('is allowed to transfer before the freeze, as canTransfer says', async () => {
    const [allowed, reason] = await compliance.canTransfer(TOKENS.USDA, customer.address, recipient, 1n);
    assert.equal(allowed, true, `canTransfer refused before any freeze: ${reason}`);
    assert.equal(reason, '');
  });

  it('is frozen by the regulator with an AccountFrozen event', async () => {
    const tx = await compliance.freezeAccount(customer.address, caseReference);
    const receipt = await tx.wait(1, RECEIPT_TIMEOUT_MS);
    assert.equal(receipt.status, 1);
    const frozen = receipt.logs.map((log) => compliance.interface.parseLog(log)).find((e) => e?.name === 'AccountFrozen');
    assert.ok(frozen, `no AccountFrozen log in ${JSON.stringify(receipt.logs)}`);
    assert.equal(frozen.args.account, customer.address);
    assert.equal(frozen.args.by, regulator.address);
    assert.equal(frozen.args.reason, caseReference);
    const state = await compliance.freezeOf(customer.address);
    assert.deepEqual([state.frozen, state.byRegulator, state.reason], [true, true, caseReference]);
  });

  it('cannot transfer: canTransfer predicts the reason and the transfer reverts with exactly it', async () => {
    const amount = 100n;
    const [allowed, predicted] = await compliance.canTransfer(TOKENS.USDA, customer.address, recipient, amount);
    assert.equal(allowed, false);
    assert.equal(predicted, `sender ${customer.address} is frozen by the regulator: ${caseReference}`);

    const before = await usda.balanceOf(customer.address);
    await rejectsWithReason(usda.transfer.staticCall(recipient, amount), predicted);
    // A wallet estimates gas before signing, so it learns the reason without spending a nonce.
    await rejectsWithReason(usda.transfer(recipient, amount), predicted);

    // Signed anyway with a fixed gas limit, the transaction is mined as a revert and moves nothing.
    const tx = await usda.transfer(recipient, amount, { gasLimit: 200_000n });
    await assert.rejects(tx.wait(1, RECEIPT_TIMEOUT_MS), (error) => {
      assert.equal(error.code, 'CALL_EXCEPTION', `expected CALL_EXCEPTION, got ${error.code}: ${error.message}`);
      assert.equal(error.receipt?.status, 0);
      return true;
    });
    assert.equal(await usda.balanceOf(customer.address), before);
  });

  it('can transfer again once the regulator lifts the freeze', async () => {
    const receipt = await (await compliance.unfreezeAccount(customer.address)).wait(1, RECEIPT_TIMEOUT_MS);
    assert.equal(receipt.status, 1);
    const [allowed, reason] = await compliance.canTransfer(TOKENS.USDA, customer.address, recipient, 1n);
    assert.equal(allowed, true, reason);
    await usda.transfer.staticCall(recipient, 1n);
  });
});

describe('issuance and redemption against core-banking references', { timeout: 90_000, concurrency: false }, () => {
  const deposit = id(`e2e deposit ${Date.now()}`);
  const payout = id(`e2e payout ${Date.now()}`);
  const asIssuer = new Contract(TOKENS.USDA, ISSUANCE_ABI, devWallet(0, provider));
  const asHolder = new Contract(TOKENS.USDA, ISSUANCE_ABI, customer);

  it('mints with a reference, emits Minted with it, and refuses the same reference again', async () => {
    const receipt = await (await asIssuer.mint(customer.address, 2_500n, deposit)).wait(1, RECEIPT_TIMEOUT_MS);
    const minted = receipt.logs.map((log) => asIssuer.interface.parseLog(log)).find((e) => e?.name === 'Minted');
    assert.ok(minted, `no Minted log in ${JSON.stringify(receipt.logs)}`);
    assert.deepEqual([minted.args.to, minted.args.amount, minted.args.reference], [customer.address, 2_500n, deposit]);
    assert.equal(await asIssuer.isReferenceUsed(deposit), true);
    await rejectsWithReason(
      asIssuer.mint.staticCall(customer.address, 1n, deposit),
      `reference ${deposit} was already used by a mint of USDA; each reference is accepted once`);
  });

  it('lets the holder redeem, counting the amount as redeemed', async () => {
    const before = await asHolder.supplyInfo();
    const receipt = await (await asHolder.redeem(1_000n, payout)).wait(1, RECEIPT_TIMEOUT_MS);
    const redeemed = receipt.logs.map((log) => asHolder.interface.parseLog(log)).find((e) => e?.name === 'Redeemed');
    assert.deepEqual([redeemed?.args.holder, redeemed?.args.amount, redeemed?.args.reference], [customer.address, 1_000n, payout]);
    const afterInfo = await asHolder.supplyInfo();
    assert.ok(afterInfo.redeemed - before.redeemed >= 1_000n);
    assert.equal(afterInfo.supply, afterInfo.minted - afterInfo.burned - afterInfo.redeemed);
  });
});
