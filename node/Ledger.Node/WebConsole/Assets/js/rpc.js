// JSON-RPC over HTTP (POST /) and WebSocket (GET / upgrade) to the node that served the console.
// The API token lives in sessionStorage only: it is gone when the tab closes and never leaves this origin.

const TOKEN_KEY = 'ledger.console.token';
let nextId = 1;

export class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(token) {
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

function headers() {
  const h = { 'content-type': 'application/json' };
  const token = getToken();
  if (token) {
    h.authorization = `Bearer ${token}`;
  }
  return h;
}

async function post(body) {
  let response;
  try {
    response = await fetch('/', { method: 'POST', headers: headers(), body: JSON.stringify(body) });
  } catch (e) {
    throw new RpcError(-1, `the node did not answer (${e.message})`);
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.status === 401) {
    // The node says why (missing, expired, bad signature), never echoing the token.
    const reason = parsed?.error?.message ? ` (${parsed.error.message})` : '';
    throw new RpcError(401, getToken()
      ? `the node refused the API token${reason}: enter another one in the token field above`
      : `this node requires an API token${reason}: enter one in the token field above`);
  }
  if (response.status === 403) {
    throw new RpcError(403, `the API token is not allowed to do this${parsed?.error?.message ? `: ${parsed.error.message}` : ''}`);
  }
  if (!response.ok && !(parsed && (parsed.error || Array.isArray(parsed)))) {
    throw new RpcError(response.status, `the node answered HTTP ${response.status}`);
  }
  return parsed;
}

function toError(error) {
  return new RpcError(error.code, error.message, error.data);
}

/** Calls one method; throws RpcError with the node's code and message. */
export async function call(method, params = []) {
  const body = await post({ jsonrpc: '2.0', id: nextId++, method, params });
  if (body && body.error) {
    throw toError(body.error);
  }
  return body ? body.result : null;
}

/**
 * Calls [method, params] pairs in one batch; answers {result} or {error: RpcError} per call, in order.
 * Bounded by the caller (the node refuses batches over its MaxBatchSize, 1000 by default).
 */
export async function batch(calls) {
  if (calls.length === 0) {
    return [];
  }
  const first = nextId;
  nextId += calls.length;
  const body = await post(calls.map(([method, params], i) => ({ jsonrpc: '2.0', id: first + i, method, params })));
  if (!Array.isArray(body)) {
    throw body && body.error ? toError(body.error) : new RpcError(-1, 'the node answered a batch with no list');
  }
  const byId = new Map(body.map((r) => [r.id, r]));
  return calls.map((_, i) => {
    const r = byId.get(first + i);
    if (!r) {
      return { error: new RpcError(-1, 'no answer for this call') };
    }
    return r.error ? { error: toError(r.error) } : { result: r.result };
  });
}

/**
 * Subscribes to newHeads over a WebSocket and calls onHead(header) for each block; reconnects with a bounded backoff.
 * Browsers cannot set headers on a WebSocket, so the token goes in the access_token query parameter.
 * Returns a function that closes the subscription for good.
 */
export function subscribeHeads(onHead, onState) {
  let socket = null;
  let closed = false;
  let delay = 500;
  let timer = 0;
  const open = () => {
    const token = getToken();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/${token ? `?access_token=${encodeURIComponent(token)}` : ''}`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      delay = 500;
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] }));
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.id === 1 && message.result) {
        onState('live');
      } else if (message.id === 1 && message.error) {
        onState(`refused: ${message.error.message}`);
      } else if (message.method === 'eth_subscription' && message.params?.result) {
        onHead(message.params.result);
      }
    };
    socket.onclose = () => {
      if (closed) {
        return;
      }
      onState('reconnecting');
      timer = setTimeout(open, delay);
      delay = Math.min(delay * 2, 10000);
    };
  };
  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    socket?.close();
  };
}
