// The cross-border payment of a bank's wallet: bank B's FX desk signs an EIP-712 quote with ethers'
// signTypedData, a bank A customer settles it, and USD leaves the payer while EUR reaches the beneficiary in the
// same block, with one FxSettled event naming the quote and the travel-rule reference.
// Accounts: dev 16 (bank B's compliance officer, the FX desk: only this file sends from it), dev 4 (a bank A
// customer in the US, the payer; other files send it USDA at most in read-only calls), dev 9 (a bank B customer
// in DE: beneficiary and the desk's EUR funder; only its EURB moves, never the USDA chain.test.mjs checks).
// Bank B's operator (dev 1) would be the natural desk, but transfer.test.mjs owns dev 1's nonces and balances.
// Balances are compared between the settling block and the block before it, so other files' traffic on the
// shared node does not matter; quotes use fresh nonces and amounts are read from the receipt's events.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { Contract, MaxUint256, TypedDataEncoder, hexlify, keccak256, randomBytes, toUtf8Bytes } from 'ethers';
import { CHAIN_ID, DEPOSIT_TOKEN_ABI, IDENTITY_REGISTRY, RECEIPT_TIMEOUT_MS, TOKENS, connect, devWallet } from '../lib/ledger.mjs';

/** The Settlement module of the dev genesis (genesis.json `modules.Settlement`). */
const SETTLEMENT = '0x1000000000000000000000000000000000000003';

/** The published ABI (contracts/abi/Settlement.json), exactly as a bank's developer would load it. */
const SETTLEMENT_ABI = JSON.parse(readFileSync(new URL('../../../contracts/abi/Settlement.json', import.meta.url), 'utf8'));

const REGISTRY_ABI = [
  'function registerIdentity(address account, string jurisdiction, uint8 kycLevel, uint64 expiresAt)',
  'function isVerified(address account) view returns (bool)',
];

/** The EIP-712 type of an FX quote (contracts/abi/ISettlement.sol). */
const QUOTE_TYPES = {
  FxQuote: [
    { name: 'provider', type: 'address' },
    { name: 'payer', type: 'address' },
    { name: 'beneficiary', type: 'address' },
    { name: 'payToken', type: 'address' },
    { name: 'receiveToken', type: 'address' },
    { name: 'payAmount', type: 'uint256' },
    { name: 'receiveAmount', type: 'uint256' },
    { name: 'fee', type: 'uint256' },
    { name: 'rate', type: 'uint256' },
    { name: 'expiry', type: 'uint64' },
    { name: 'nonce', type: 'uint256' },
    { name: 'travelRuleRef', type: 'bytes32' },
  ],
};

const DOMAIN = { name: 'Ledger Settlement', version: '1', chainId: CHAIN_ID, verifyingContract: SETTLEMENT };
const RATE = 920_000_000_000_000_000n; // USD/EUR 0.92, 18 decimals

const provider = connect();
after(() => provider.destroy());

const desk = devWallet(16, provider);
const payer = devWallet(4, provider);
const beneficiary = devWallet(9, provider);
const settlement = new Contract(SETTLEMENT, SETTLEMENT_ABI, provider);
const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, provider);
const eurb = new Contract(TOKENS.EURB, DEPOSIT_TOKEN_ABI, provider);

async function mined(txPromise) {
  const receipt = await (await txPromise).wait(1, RECEIPT_TIMEOUT_MS);
  assert.equal(receipt.status, 1);
  return receipt;
}

async function blockTime() {
  return BigInt((await provider.getBlock('latest')).timestamp);
}

function fields(q) {
  return [q.provider, q.payer, q.beneficiary, q.payToken, q.receiveToken, q.payAmount, q.receiveAmount, q.fee, q.rate, q.expiry, q.nonce, q.travelRuleRef];
}

async function rejectsWith(promise, pattern) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.code, 'CALL_EXCEPTION', `expected CALL_EXCEPTION, got ${error.code}: ${error.message}`);
    assert.match(error.reason, pattern);
    return true;
  });
}

describe('a USD → EUR payment against a signed FX quote', { timeout: 120_000, concurrency: false }, () => {
  let quote;
  let signature;

  it('has an FX desk at bank B with EUR, a fresh board rate and a standing allowance to Settlement', async () => {
    const registry = new Contract(IDENTITY_REGISTRY, REGISTRY_ABI, desk);
    if (!(await registry.isVerified(desk.address))) {
      // The desk key is bank B staff; its bank registers it (KYC) so it may hold and pay out EURB.
      await mined(registry.registerIdentity(desk.address, 'DE', 2, (await blockTime()) + 365n * 86_400n));
    }
    if ((await eurb.balanceOf(desk.address)) < 100_000n) {
      await mined(eurb.connect(beneficiary).transfer(desk.address, 100_000n));
    }
    const posted = await mined(settlement.connect(desk).postRate('USD', 'EUR', RATE, (await blockTime()) + 3_600n));
    const event = posted.logs.map((log) => settlement.interface.parseLog(log)).find((e) => e?.name === 'RatePosted');
    assert.equal(event.args.provider, desk.address);
    assert.equal(event.args.rate, RATE);
    const [rate, postedAt, validUntil] = await settlement.getRate(desk.address, 'USD', 'EUR');
    assert.equal(rate, RATE);
    assert.ok(validUntil > postedAt);
    await mined(eurb.connect(desk).approve(SETTLEMENT, MaxUint256));
  });

  it('is signed with signTypedData and the module hashes it to the same EIP-712 digest', async () => {
    const payAmount = 10_000n; // 100.00 USDA
    quote = {
      provider: desk.address,
      payer: payer.address,
      beneficiary: beneficiary.address,
      payToken: TOKENS.USDA,
      receiveToken: TOKENS.EURB,
      payAmount,
      receiveAmount: (payAmount * RATE) / 10n ** 18n, // both tokens have 2 decimals: 92.00 EURB
      fee: 50n, // 0.50 USDA, paid on top to the desk
      rate: RATE,
      expiry: (await blockTime()) + 600n,
      nonce: BigInt(hexlify(randomBytes(16))),
      travelRuleRef: keccak256(toUtf8Bytes(`encrypted travel-rule envelope ${Date.now()}`)),
    };
    signature = await desk.signTypedData(DOMAIN, QUOTE_TYPES, quote);
    assert.equal(await settlement.hashQuote(...fields(quote)), TypedDataEncoder.hash(DOMAIN, QUOTE_TYPES, quote));
    assert.equal(await settlement.domainSeparator(), TypedDataEncoder.hashDomain(DOMAIN));
  });

  it('refuses a quote changed after signing, naming the signer mismatch', async () => {
    const tampered = { ...quote, receiveAmount: quote.receiveAmount + 1n };
    await rejectsWith(settlement.connect(payer).settle.staticCall(...fields(tampered), signature), /not signed by its provider/);
  });

  it('settles both legs in one transaction with exact balances and an FxSettled event', async () => {
    const receipt = await mined(settlement.connect(payer).settle(...fields(quote), signature));
    const event = receipt.logs.map((log) => settlement.interface.parseLog(log)).find((e) => e?.name === 'FxSettled');
    assert.ok(event, `no FxSettled log in ${JSON.stringify(receipt.logs)}`);
    assert.equal(event.args.quoteHash, TypedDataEncoder.hash(DOMAIN, QUOTE_TYPES, quote));
    assert.equal(event.args.payer, payer.address);
    assert.equal(event.args.beneficiary, beneficiary.address);
    assert.equal(event.args.provider, desk.address);
    assert.equal(event.args.payAmount, quote.payAmount);
    assert.equal(event.args.receiveAmount, quote.receiveAmount);
    assert.equal(event.args.fee, quote.fee);
    assert.equal(event.args.travelRuleRef, quote.travelRuleRef);

    const at = receipt.blockNumber;
    const delta = async (token, account) =>
      (await token.balanceOf(account, { blockTag: at })) - (await token.balanceOf(account, { blockTag: at - 1 }));
    assert.equal(await delta(usda, payer.address), -(quote.payAmount + quote.fee));
    assert.equal(await delta(usda, desk.address), quote.payAmount + quote.fee);
    assert.equal(await delta(eurb, desk.address), -quote.receiveAmount);
    assert.equal(await delta(eurb, beneficiary.address), quote.receiveAmount);
    assert.equal(await settlement.isNonceUsed(desk.address, quote.nonce), true);
  });

  it('refuses the same quote a second time', async () => {
    await rejectsWith(settlement.connect(payer).settle.staticCall(...fields(quote), signature), /already used at block/);
  });
});
