// ethers.js against a node that requires bearer tokens (docs/security.md, "Passing a token"): the header is set
// once on a FetchRequest (HTTP) or on the WebSocket upgrade (the `ws` package ethers itself uses in Node), and each
// call is then authorized by the token's role. Kept out of test/ because it needs a `ledger run` with tokens, not
// `ledger dev`: the C# harness (JavaScriptAuthClientTests) starts one and sets LEDGER_RPC_URL and the LEDGER_*_TOKEN
// variables.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Contract, FetchRequest, JsonRpcProvider, WebSocketProvider, parseUnits } from 'ethers';
import { WebSocket } from 'ws';
import { DEPOSIT_TOKEN_ABI, RECEIPT_TIMEOUT_MS, TOKENS, devWallet, rpcUrl } from '../lib/ledger.mjs';

function token(name) {
  const value = process.env[`LEDGER_${name}_TOKEN`];
  if (!value) {
    throw new Error(`LEDGER_${name}_TOKEN is not set: run this file through JavaScriptAuthClientTests`);
  }
  return value;
}

/** A provider whose every request carries `Authorization: Bearer <token>` (the recipe of docs/security.md). */
function connectWith(bearer) {
  const request = new FetchRequest(rpcUrl());
  request.setHeader('authorization', `Bearer ${bearer}`);
  return new JsonRpcProvider(request, undefined, { pollingInterval: 100, cacheTimeout: -1, staticNetwork: true });
}

/** A WebSocket provider whose upgrade carries the token. */
function webSocketWith(bearer) {
  const url = rpcUrl().replace(/^http/, 'ws');
  return new WebSocketProvider(() => new WebSocket(url, { headers: { authorization: `Bearer ${bearer}` } }));
}

/** The JSON-RPC error inside an ethers rejection (ethers keeps the node's error object on `error`). */
async function rpcError(promise) {
  const failure = await promise.then(() => null, (e) => e);
  assert.ok(failure, 'the call was expected to be refused');
  return failure.error ?? failure;
}

const reader = connectWith(token('READER'));
const submitter = connectWith(token('SUBMITTER'));
const operator = connectWith(token('OPERATOR'));
after(() => {
  reader.destroy();
  submitter.destroy();
  operator.destroy();
});

describe('HTTP JSON-RPC with bearer tokens', () => {
  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const response = await fetch(rpcUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}',
    });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm="ledger"/);
    const body = await response.json();
    assert.equal(body.error.code, -40100);
  });

  it('lets a reader read chain data but not the pending payments', async () => {
    assert.equal((await reader.getNetwork()).chainId, 4242n);
    const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, reader);
    assert.equal(await usda.symbol(), 'USDA');
    const error = await rpcError(reader.send('txpool_content', []));
    assert.equal(error.code, -40100);
    assert.match(error.message, /txpool_content is not allowed for 'js-reader' \(roles: reader\): it needs the role operator or regulator/);
  });

  it('lets a submitter send a signed transfer that a reader could not send', async () => {
    const alice = devWallet(1, submitter);
    const bob = devWallet(2, submitter).address;
    const usda = new Contract(TOKENS.USDA, DEPOSIT_TOKEN_ABI, alice);
    const before = await usda.balanceOf(bob);
    const tx = await usda.transfer(bob, parseUnits('1.25', 2));
    const receipt = await tx.wait(1, RECEIPT_TIMEOUT_MS);
    assert.equal(receipt.status, 1);
    assert.equal(await usda.balanceOf(bob), before + 125n);

    const signed = await devWallet(1, reader).signTransaction(await devWallet(1, reader).populateTransaction({
      to: TOKENS.USDA,
      data: usda.interface.encodeFunctionData('transfer', [bob, 1n]),
    }));
    const refused = await rpcError(reader.send('eth_sendRawTransaction', [signed]));
    assert.equal(refused.code, -40100);
  });

  it('lets an operator list the pool', async () => {
    const content = await operator.send('txpool_content', []);
    assert.ok(content.pending !== undefined && content.queued !== undefined);
  });
});

describe('WebSocket with a bearer token on the upgrade', () => {
  it('refuses an upgrade without a token with 401', async () => {
    const status = await new Promise((resolve, reject) => {
      const socket = new WebSocket(rpcUrl().replace(/^http/, 'ws'));
      socket.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode);
        socket.terminate();
      });
      socket.on('open', () => {
        socket.terminate();
        reject(new Error('the upgrade without a token was accepted'));
      });
      socket.on('error', () => {});
    });
    assert.equal(status, 401);
  });

  it('authorizes each subscription by kind: a reader follows heads, not pending payments; an operator does', async () => {
    const ws = webSocketWith(token('READER'));
    const ops = webSocketWith(token('OPERATOR'));
    try {
      assert.ok(await ws.getBlockNumber() >= 0);
      const heads = await ws.send('eth_subscribe', ['newHeads']);
      assert.match(heads, /^0x[0-9a-f]+$/);
      const refused = await rpcError(ws.send('eth_subscribe', ['newPendingTransactions']));
      assert.equal(refused.code, -40100);
      const pending = await ops.send('eth_subscribe', ['newPendingTransactions']);
      assert.match(pending, /^0x[0-9a-f]+$/);
    } finally {
      await ws.destroy();
      await ops.destroy();
    }
  });
});
