// ledger_getProof for auditors: a balance proven against the block's state root, checked here by an
// independent verifier that only uses Keccak-256 and the tree rules of docs/state.md (not the node's code).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Contract, concat, getBytes, keccak256, toBeHex, zeroPadValue } from 'ethers';
import { DEPOSIT_TOKEN_ABI, TOKENS, connect, devWallet } from '../lib/ledger.mjs';

const provider = connect();
after(() => provider.destroy());

const ZERO = `0x${'00'.repeat(32)}`;
const DEPTH = 16;

/** Inner node: Keccak(left ‖ right), except that two zero children give zero (empty subtrees). */
function hashNode(left, right) {
  return left === ZERO && right === ZERO ? ZERO : keccak256(concat([left, right]));
}

/**
 * Recomputes the state root from a proof, or throws saying which rule failed: leaf key = Keccak(ns ‖ key),
 * entry = Keccak(leafKey ‖ Keccak(value)), bucket = Keccak(entries in ascending leaf-key order), then the path.
 */
function verifyProof(proof) {
  const leafKey = keccak256(concat([proof.namespace, proof.key]));
  assert.equal(leafKey, proof.leafKey, 'leaf key is not Keccak(namespace ‖ key)');
  const bucket = Number.parseInt(leafKey.slice(2, 6), 16);
  assert.equal(bucket, Number(proof.bucket), 'bucket is not the first two bytes of the leaf key');

  const present = getBytes(proof.value).length > 0;
  let found = false;
  let previous = null;
  for (const entry of proof.bucketEntries) {
    assert.equal(Number.parseInt(entry.leafKey.slice(2, 6), 16), bucket, 'a bucket entry belongs to another bucket');
    assert.ok(previous === null || BigInt(entry.leafKey) > BigInt(previous), 'bucket entries are not in ascending leaf-key order');
    previous = entry.leafKey;
    if (entry.leafKey === leafKey) {
      assert.ok(present, 'an absent value is listed in the bucket');
      assert.equal(entry.entryHash, keccak256(concat([leafKey, keccak256(proof.value)])), 'entry hash does not commit to the value');
      found = true;
    }
  }
  assert.equal(found, present, 'a present value is missing from its bucket');

  let node = proof.bucketEntries.length === 0 ? ZERO : keccak256(concat(proof.bucketEntries.map((e) => e.entryHash)));
  assert.equal(proof.siblings.length, DEPTH);
  let index = bucket;
  for (let level = 0; level < DEPTH; level++, index >>= 1) {
    node = index % 2 === 0 ? hashNode(node, proof.siblings[level]) : hashNode(proof.siblings[level], node);
  }
  return node;
}

describe('ledger_getProof', { timeout: 60_000 }, () => {
  const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, provider);

  it('proves a balance against the state root of the block it names', async () => {
    const account = devWallet(9).address;
    const proof = await provider.send('ledger_getProof', [account, TOKENS.USDA, 'latest']);
    const block = await provider.send('eth_getBlockByNumber', [proof.blockNumber, false]);
    assert.equal(proof.blockHash, block.hash);
    assert.equal(verifyProof(proof), block.stateRoot, 'the recomputed root is not the block state root');
    assert.equal(proof.key, concat(['0x01', account.toLowerCase()]));
    assert.equal(BigInt(proof.balance), BigInt(proof.value));
    assert.equal(BigInt(proof.balance), await usda.balanceOf(account, { blockTag: Number(proof.blockNumber) }));
  });

  it('proves a zero balance by the absence of the entry', async () => {
    const nobody = zeroPadValue('0x0badc0de', 20);
    const proof = await provider.send('ledger_getProof', [nobody, TOKENS.USDA, 'latest']);
    assert.equal(proof.value, '0x');
    assert.equal(proof.balance, '0x0');
    const block = await provider.send('eth_getBlockByNumber', [proof.blockNumber, false]);
    assert.equal(verifyProof(proof), block.stateRoot);
  });

  it('a tampered balance no longer verifies', async () => {
    const proof = await provider.send('ledger_getProof', [devWallet(9).address, TOKENS.USDA, 'latest']);
    const block = await provider.send('eth_getBlockByNumber', [proof.blockNumber, false]);
    const inflated = { ...proof, value: toBeHex(BigInt(proof.value) + 1n) };
    assert.throws(() => verifyProof(inflated), /entry hash does not commit to the value/);
    const reordered = { ...proof, siblings: [...proof.siblings].reverse() };
    assert.notEqual(verifyProof(reordered), block.stateRoot);
  });

  it('proves a balance at an older block against that block\'s state root', async () => {
    const head = await provider.getBlockNumber();
    const older = Math.max(head - 5, 0);
    const olderTag = `0x${older.toString(16)}`; // a JSON-RPC quantity: no leading zeros
    const account = devWallet(9).address;
    const proof = await provider.send('ledger_getProof', [account, TOKENS.USDA, olderTag]);
    const block = await provider.send('eth_getBlockByNumber', [olderTag, false]);
    assert.equal(Number(proof.blockNumber), older);
    assert.equal(verifyProof(proof), block.stateRoot, 'the recomputed root is not the older block\'s state root');
    assert.equal(BigInt(proof.balance), await usda.balanceOf(account, { blockTag: older }));
  });

  it('refuses an address that is not a token and a block after the head', async () => {
    await assert.rejects(provider.send('ledger_getProof', [devWallet(9).address, devWallet(8).address, 'latest']), (e) => {
      assert.equal(e.error?.code, -32602);
      return true;
    });
    await assert.rejects(provider.send('ledger_getProof', [devWallet(9).address, TOKENS.USDA, '0xffffffff']), (e) => {
      assert.equal(e.error?.code, -32000);
      assert.match(e.error?.message, /header not found/);
      return true;
    });
  });
});
