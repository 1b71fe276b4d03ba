// Protocol-level errors (EIP-1474 / JSON-RPC 2.0) that any client library relies on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postRaw } from '../lib/ledger.mjs';

describe('the JSON-RPC endpoint', { timeout: 30_000 }, () => {
  it('answers malformed JSON with a -32700 parse error', async () => {
    const { json } = await postRaw('{"jsonrpc":"2.0","id":1,"method":"eth_chainId"');
    assert.equal(json.jsonrpc, '2.0');
    assert.equal(json.error?.code, -32700, JSON.stringify(json));
    assert.equal(json.id, null);
  });

  it('answers an unknown method with -32601 and echoes the id', async () => {
    const { json } = await postRaw(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'eth_noSuchMethod', params: [] }));
    assert.equal(json.error?.code, -32601, JSON.stringify(json));
    assert.equal(json.id, 7);
    assert.equal(typeof json.error.message, 'string');
  });

  it('answers a batch with one response per request, each by its id', async () => {
    const { json } = await postRaw(JSON.stringify([
      { jsonrpc: '2.0', id: 'a', method: 'eth_chainId', params: [] },
      { jsonrpc: '2.0', id: 'b', method: 'eth_noSuchMethod', params: [] },
    ]));
    assert.ok(Array.isArray(json), JSON.stringify(json));
    const byId = Object.fromEntries(json.map((r) => [r.id, r]));
    assert.equal(BigInt(byId.a.result), 4242n);
    assert.equal(byId.b.error?.code, -32601);
  });
});
