// Regenerates tests/Ledger.Core.Tests/Fixtures/ethers-transactions.json: transactions signed by ethers.js v6
// (legacy EIP-155, EIP-2930, EIP-1559) with the public Hardhat dev keys. Ledger.Core's tests decode each one
// and check that Ledger computes the same hash, signing hash and sender that ethers reports.
//
// Usage (ethers 6.17.0 from tests/e2e/node_modules, or from the current directory's node_modules):
//   node tests/e2e/scripts/generate-ethers-fixtures.mjs
// Signing is deterministic (RFC 6979), so rerunning produces the same file.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

async function loadEthers() {
  try {
    return await import('ethers');
  } catch {
    return createRequire(path.join(process.cwd(), 'index.js'))('ethers');
  }
}

const { Wallet, Transaction, Interface, version } = await loadEthers();

// Public test keys (Hardhat/Anvil mnemonic "test test ... junk", m/44'/60'/0'/0/i). Never use them for value.
const keys = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
];

const token = '0x2000000000000000000000000000000000000001';
const erc20 = new Interface(['function transfer(address to, uint256 amount) returns (bool)']);
const transfer = erc20.encodeFunctionData('transfer', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 12345n]);
const bigData = '0x' + Array.from({ length: 300 }, (_, i) => (i % 256).toString(16).padStart(2, '0')).join('');

const cases = [
  { name: 'legacy transfer, chain 4242', key: 0, tx: { type: 0, chainId: 4242, nonce: 0, gasPrice: 0n, gasLimit: 100000n, to: token, value: 0n, data: transfer } },
  { name: 'legacy, chain 1, large fields', key: 1, tx: { type: 0, chainId: 1, nonce: 7, gasPrice: 20000000000n, gasLimit: 21000n, to: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', value: 10n ** 18n, data: '0x' } },
  { name: 'legacy, chain id needing 4 bytes', key: 3, tx: { type: 0, chainId: 0x7fffffff, nonce: 300, gasPrice: 1n, gasLimit: 60000n, to: token, value: 0n, data: bigData } },
  {
    name: 'EIP-2930 with access list', key: 2, tx: {
      type: 1, chainId: 4242, nonce: 1, gasPrice: 1000000000n, gasLimit: 80000n, to: token, value: 0n, data: transfer,
      accessList: [{ address: token, storageKeys: ['0x' + '00'.repeat(31) + '01', '0x' + 'ab'.repeat(32)] }, { address: '0x1000000000000000000000000000000000000001', storageKeys: [] }],
    },
  },
  { name: 'EIP-1559 transfer', key: 0, tx: { type: 2, chainId: 4242, nonce: 5, maxPriorityFeePerGas: 0n, maxFeePerGas: 0n, gasLimit: 100000n, to: token, value: 0n, data: transfer } },
  { name: 'EIP-1559 large fees and data', key: 3, tx: { type: 2, chainId: 4242, nonce: 2n ** 32n, maxPriorityFeePerGas: 2n * 10n ** 9n, maxFeePerGas: 2n ** 200n, gasLimit: 30000000n, to: token, value: 0n, data: bigData } },
  { name: 'EIP-1559 contract creation', key: 1, tx: { type: 2, chainId: 4242, nonce: 0, maxPriorityFeePerGas: 1n, maxFeePerGas: 2n, gasLimit: 500000n, to: null, value: 0n, data: '0x6000' } },
];

const fixtures = [];
for (const c of cases) {
  const wallet = new Wallet(keys[c.key]);
  const raw = await wallet.signTransaction(c.tx);
  const parsed = Transaction.from(raw);
  fixtures.push({
    name: c.name,
    type: parsed.type,
    chainId: parsed.chainId.toString(),
    nonce: parsed.nonce.toString(),
    raw,
    hash: parsed.hash,
    unsignedHash: parsed.unsignedHash,
    from: parsed.from,
  });
}

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../Ledger.Core.Tests/Fixtures/ethers-transactions.json');
writeFileSync(out, JSON.stringify({ generator: `ethers ${version}`, transactions: fixtures }, null, 2) + '\n');
console.log(`wrote ${fixtures.length} transactions to ${out}`);
