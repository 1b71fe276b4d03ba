// web3.js v4 against a Ledger node: chain reads, a token balance, a locally signed transfer sent with
// sendSignedTransaction, its receipt and log, getPastLogs, and subscriptions over WebSocket.
// Only this file sends transactions from dev account 7, so its nonces never race another test file.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Web3, WebSocketProvider } from 'web3';
import { CHAIN_ID, DEPOSIT_TOKEN_ABI, TOKENS, devWallet, rpcUrl } from '../lib/ledger.mjs';
import { Interface } from 'ethers';

const web3 = new Web3(rpcUrl());
// Blocks come at least every second: poll receipts often, never wait for extra confirmations.
web3.eth.transactionPollingInterval = 100;
web3.eth.transactionConfirmationBlocks = 1;

const wsUrl = rpcUrl().replace(/^http/, 'ws');
const sockets = [];
after(async () => {
  for (const socket of sockets) {
    await socket.provider.disconnect();
  }
});

const ethersAbi = new Interface(DEPOSIT_TOKEN_ABI);
// web3's Contract takes JSON ABI; ethers turns the human-readable one into it.
const TOKEN_ABI = JSON.parse(ethersAbi.formatJson());
const senderWallet = devWallet(7);
const sender = web3.eth.accounts.privateKeyToAccount(senderWallet.privateKey);
const recipient = devWallet(3).address;
const usda = new web3.eth.Contract(TOKEN_ABI, TOKENS.USDA);

async function sendTransfer(amount) {
  const signed = await web3.eth.accounts.signTransaction({
    from: sender.address,
    to: TOKENS.USDA,
    data: usda.methods.transfer(recipient, amount).encodeABI(),
    gas: 200_000n,
    maxFeePerGas: 0n,
    maxPriorityFeePerGas: 0n,
    nonce: await web3.eth.getTransactionCount(sender.address, 'pending'),
    chainId: CHAIN_ID,
    type: 2n,
  }, senderWallet.privateKey);
  return { signed, receipt: await web3.eth.sendSignedTransaction(signed.rawTransaction) };
}

function connectWs() {
  const socket = new Web3(new WebSocketProvider(wsUrl));
  sockets.push(socket);
  return socket;
}

/** Resolves with the first 'data' event of a web3 subscription that satisfies predicate. */
function firstEvent(subscription, predicate = () => true) {
  return new Promise((resolve, reject) => {
    subscription.on('data', (value) => {
      if (predicate(value)) {
        resolve(value);
      }
    });
    subscription.on('error', reject);
  });
}

describe('web3.js v4', { timeout: 90_000, concurrency: false }, () => {
  it('reads the chain id, block number, a block and a zero native balance', async () => {
    assert.equal(await web3.eth.getChainId(), CHAIN_ID);
    const number = await web3.eth.getBlockNumber();
    const block = await web3.eth.getBlock(number);
    assert.equal(block.number, number);
    assert.match(block.hash, /^0x[0-9a-f]{64}$/);
    assert.equal(block.logsBloom.length, 2 + 512);
    assert.equal(await web3.eth.getBalance(sender.address), 0n);
    assert.equal(await web3.eth.net.getId(), CHAIN_ID);
  });

  it('reads a token balance through a Contract', async () => {
    const balance = await usda.methods.balanceOf(sender.address).call();
    assert.ok(balance > 0n, `account 7 holds ${balance} USDA`);
    assert.equal(await usda.methods.decimals().call(), 2n);
  });

  it('sends a signed transfer and reads its receipt, Transfer log and balance change', async () => {
    const before = await usda.methods.balanceOf(sender.address).call();
    const { signed, receipt } = await sendTransfer(25n);
    assert.equal(receipt.status, 1n);
    assert.equal(receipt.transactionHash, signed.transactionHash);
    const log = receipt.logs.find((l) => l.address.toLowerCase() === TOKENS.USDA);
    assert.ok(log, `no USDA log in ${JSON.stringify(receipt.logs, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    const decoded = web3.eth.abi.decodeLog(TOKEN_ABI.find((e) => e.name === 'Transfer').inputs, log.data, log.topics.slice(1));
    assert.equal(decoded.value, 25n);
    assert.equal(decoded.to.toLowerCase(), recipient.toLowerCase());
    assert.equal(await usda.methods.balanceOf(sender.address).call(), before - 25n);

    const tx = await web3.eth.getTransaction(signed.transactionHash);
    assert.equal(tx.from.toLowerCase(), sender.address.toLowerCase());
    assert.equal(tx.blockHash, receipt.blockHash);
  });

  it('finds the transfer with getPastLogs by address and topics', async () => {
    const { receipt } = await sendTransfer(3n);
    const transferTopic = ethersAbi.getEvent('Transfer').topicHash;
    const logs = await web3.eth.getPastLogs({
      address: TOKENS.USDA,
      topics: [transferTopic, web3.utils.padLeft(sender.address.toLowerCase(), 64)],
      fromBlock: receipt.blockNumber,
      toBlock: receipt.blockNumber,
    });
    assert.ok(logs.some((l) => l.transactionHash === receipt.transactionHash), `getPastLogs returned ${logs.length} logs`);
  });

  it('subscribes to new block headers over WebSocket', async () => {
    const socket = connectWs();
    const subscription = await socket.eth.subscribe('newBlockHeaders');
    const start = await web3.eth.getBlockNumber();
    const header = await firstEvent(subscription, (h) => h.number > start);
    assert.match(header.hash, /^0x[0-9a-f]{64}$/);
    assert.equal(header.parentHash, (await web3.eth.getBlock(header.number - 1n)).hash);
    await subscription.unsubscribe();
  });

  it('subscribes to the token logs over WebSocket and sees its own transfer', async () => {
    const socket = connectWs();
    const subscription = await socket.eth.subscribe('logs', { address: TOKENS.USDA });
    const seen = new Promise((resolve, reject) => {
      const hashes = [];
      subscription.on('data', (log) => {
        hashes.push(log.transactionHash);
        pending.then((hash) => hashes.includes(hash) && resolve(hash), reject);
      });
      subscription.on('error', reject);
    });
    const pending = sendTransfer(1n).then(({ receipt }) => receipt.transactionHash);
    assert.equal(await seen, await pending);
    await subscription.unsubscribe();
  });
});
