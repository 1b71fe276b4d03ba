// A merchant QR payment seen from ethers: the merchant creates an invoice, the wallet reads its EIP-681 payment
// URI (what the QR code carries), parses it, shows the invoice and pays it in one transaction (no approve);
// a second payment reverts with a reason ethers decodes. Then a friend-payment alias is claimed and resolved.
// Only this file sends from dev accounts 5 (the customer, Bank B) and 6 (the merchant, Bank C); it pays in EURB
// so that no other file's USDA balance checks are disturbed, and reads ids from events (never assumes id 1).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { Contract, Interface } from 'ethers';
import { CHAIN_ID, DEPOSIT_TOKEN_ABI, RECEIPT_TIMEOUT_MS, TOKENS, connect, devWallet } from '../lib/ledger.mjs';

/** The Merchant and Directory modules of the dev genesis (genesis.json `modules`). */
const MERCHANT = '0x1000000000000000000000000000000000000004';
const DIRECTORY = '0x1000000000000000000000000000000000000005';

/** The published ABI JSON of contracts/abi, exactly as a bank's developer would load it. */
const abi = (name) => JSON.parse(readFileSync(new URL(`../../../contracts/abi/${name}.json`, import.meta.url), 'utf8'));

const provider = connect();
after(() => provider.destroy());

const customer = devWallet(5, provider);
const merchant = devWallet(6, provider);
const merchantModule = new Contract(MERCHANT, abi('Merchant'), merchant);
const directory = new Contract(DIRECTORY, abi('Directory'), merchant);
const eurb = new Contract(TOKENS.EURB, DEPOSIT_TOKEN_ABI, provider);
const tokenEvents = new Interface(DEPOSIT_TOKEN_ABI);

/**
 * Parses the EIP-681 function-call form the module issues: ethereum:<address>@<chainId>/<function>?<type>=<value>.
 * A wallet checks the chain, the target and the function before it builds the call.
 */
function parsePaymentUri(uri) {
  const match = /^ethereum:(0x[0-9a-fA-F]{40})@(\d+)\/(\w+)\?uint256=(\d+)$/.exec(uri);
  assert.ok(match, `not an EIP-681 payInvoice URI: ${uri}`);
  return { target: match[1], chainId: BigInt(match[2]), functionName: match[3], id: BigInt(match[4]) };
}

async function mined(txPromise) {
  const tx = await txPromise;
  const receipt = await tx.wait(1, RECEIPT_TIMEOUT_MS);
  assert.equal(receipt.status, 1);
  return receipt;
}

function eventsOf(receipt, contractInterface, address) {
  return receipt.logs
    .filter((log) => log.address.toLowerCase() === address.toLowerCase())
    .map((log) => contractInterface.parseLog(log))
    .filter((parsed) => parsed !== null);
}

describe('a merchant QR payment', { timeout: 120_000, concurrency: false }, () => {
  const amount = 1_234n; // 12.34 EURB
  const memo = `e2e order ${Date.now()}`;
  let invoiceId;
  let uri;

  it('starts with an invoice whose id is in the InvoiceCreated event', async () => {
    const latest = await provider.getBlock('latest');
    const expiry = BigInt(latest.timestamp) + 3_600n;
    const receipt = await mined(merchantModule['createInvoice(address,uint256,uint64,string)'](TOKENS.EURB, amount, expiry, memo));
    const [created] = eventsOf(receipt, merchantModule.interface, MERCHANT).filter((e) => e.name === 'InvoiceCreated');
    assert.ok(created, 'no InvoiceCreated event');
    assert.equal(created.args.merchant, merchant.address);
    assert.equal(created.args.token, TOKENS.EURB);
    assert.equal(created.args.amount, amount);
    assert.equal(created.args.memo, memo);
    invoiceId = created.args.id;
    assert.ok(invoiceId > 0n);
  });

  it('gives a payment URI in the EIP-681 function-call form', async () => {
    uri = await merchantModule.paymentUri(invoiceId);
    assert.equal(uri, `ethereum:${MERCHANT}@${CHAIN_ID}/payInvoice?uint256=${invoiceId}`);
  });

  it('is paid by the customer from the parsed URI, in one transaction', async () => {
    const parsed = parsePaymentUri(uri);
    const { chainId } = await provider.getNetwork();
    assert.equal(parsed.chainId, chainId);
    assert.equal(parsed.functionName, 'payInvoice');

    // The wallet shows what it is about to pay from the ledger, not from the QR code.
    const asWallet = new Contract(parsed.target, abi('Merchant'), customer);
    const shown = await asWallet.getInvoice(parsed.id);
    assert.equal(shown.status, 0n);
    assert.equal(shown.amount, amount);
    assert.equal(shown.memo, memo);
    const payerBefore = await eurb.balanceOf(customer.address);
    const merchantBefore = await eurb.balanceOf(merchant.address);

    // payInvoice is overloaded (with a coupon code), so ethers needs the full signature.
    const receipt = await mined(asWallet[`${parsed.functionName}(uint256)`](parsed.id));

    const [transfer] = eventsOf(receipt, tokenEvents, TOKENS.EURB);
    assert.equal(transfer.name, 'Transfer');
    assert.equal(transfer.args.from, customer.address);
    assert.equal(transfer.args.to, merchant.address);
    assert.equal(transfer.args.value, amount);
    const [paid] = eventsOf(receipt, asWallet.interface, MERCHANT).filter((e) => e.name === 'InvoicePaid');
    assert.equal(paid.args.id, parsed.id);
    assert.equal(paid.args.payer, customer.address);
    assert.equal(paid.args.paid, amount);
    assert.equal(await eurb.balanceOf(customer.address), payerBefore - amount);
    assert.equal(await eurb.balanceOf(merchant.address), merchantBefore + amount);
    const after = await asWallet.getInvoice(parsed.id);
    assert.equal(after.status, 1n);
    assert.equal(after.payer, customer.address);
    assert.equal(after.paidBlock, BigInt(receipt.blockNumber));
  });

  it('refuses a second payment with a reason ethers decodes, and nothing moves', async () => {
    const payerBefore = await eurb.balanceOf(customer.address);
    const asWallet = new Contract(MERCHANT, abi('Merchant'), customer);
    await assert.rejects(asWallet['payInvoice(uint256)'](invoiceId), (error) => {
      assert.equal(error.code, 'CALL_EXCEPTION', `expected CALL_EXCEPTION, got ${error.code}: ${error.message}`);
      assert.match(error.reason, new RegExp(`^invoice #${invoiceId} was already paid at block \\d+ by ${customer.address}`));
      return true;
    });
    assert.equal(await eurb.balanceOf(customer.address), payerBefore);
  });
});

describe('a directory alias', { timeout: 60_000, concurrency: false }, () => {
  const alias = `shop${Date.now()}@bank-c`;

  it('is claimed by a Bank C customer and resolves both ways', async () => {
    // A rerun on the same dev node finds the alias of the previous run: release it first.
    if ((await directory.aliasOf(merchant.address)) !== '') {
      await mined(directory.releaseAlias());
    }

    const receipt = await mined(directory.claimAlias(alias));
    const [claimed] = eventsOf(receipt, directory.interface, DIRECTORY);
    assert.equal(claimed.name, 'AliasClaimed');
    assert.equal(claimed.args.account, merchant.address);
    assert.equal(claimed.args.aliasName, alias);
    assert.equal(await directory.resolve(alias), merchant.address);
    assert.equal(await directory.aliasOf(merchant.address), alias);
  });

  it('cannot carry another bank\'s suffix, and is released by its holder', async () => {
    await assert.rejects(directory.claimAlias.staticCall(alias.replace('@bank-c', '@bank-a')), (error) => {
      assert.match(error.reason, /names bank "bank-a", but .* is registered by Bank C \(bank-c\)/);
      return true;
    });
    await mined(directory.releaseAlias());
    assert.equal(await directory.aliasOf(merchant.address), '');
    await assert.rejects(directory.resolve(alias), (error) => {
      assert.equal(error.reason, `no account holds alias "${alias}"`);
      return true;
    });
  });
});
