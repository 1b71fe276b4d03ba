// ABI encoding and decoding for the types the modules use (docs/modules.md): address, bool, uintN, intN, bytesN,
// string, bytes and one-dimensional arrays of static types. Values: addresses and byte strings as 0x-hex strings,
// integers as BigInt, booleans, strings, arrays.
import { keccakText } from './keccak.js';

const WORD = 64; // hex characters per 32-byte word

/** "name(type,type)" of an ABI function or event entry. */
export function signature(entry) {
  return `${entry.name}(${entry.inputs.map((i) => i.type).join(',')})`;
}

/** The 4-byte selector of a function entry, 0x-hex. */
export function selector(entry) {
  return keccakText(signature(entry)).slice(0, 10);
}

/** topic0 of an event entry, 0x-hex. */
export function topic(entry) {
  return keccakText(signature(entry));
}

function isDynamic(type) {
  return type === 'string' || type === 'bytes' || type.endsWith('[]');
}

function hexOfBigInt(value) {
  let v = BigInt(value);
  if (v < 0n) {
    v = (1n << 256n) + v;
  }
  return v.toString(16).padStart(WORD, '0');
}

function utf8Hex(text) {
  return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
}

function padRight(hex) {
  const length = Math.ceil(hex.length / WORD) * WORD;
  return hex.padEnd(length, '0');
}

function encodeStatic(type, value) {
  if (type === 'address') {
    const hex = String(value).toLowerCase().replace(/^0x/, '');
    if (!/^[0-9a-f]{40}$/.test(hex)) {
      throw new Error(`not an address: ${value}`);
    }
    return hex.padStart(WORD, '0');
  }
  if (type === 'bool') {
    return value ? '1'.padStart(WORD, '0') : '0'.padStart(WORD, '0');
  }
  if (/^u?int\d*$/.test(type)) {
    return hexOfBigInt(value);
  }
  if (/^bytes\d+$/.test(type)) {
    return padRight(String(value).replace(/^0x/, ''));
  }
  throw new Error(`cannot encode ${type}`);
}

function encodeDynamic(type, value) {
  if (type === 'string' || type === 'bytes') {
    const hex = type === 'string' ? utf8Hex(value) : String(value).replace(/^0x/, '');
    return hexOfBigInt(hex.length / 2) + padRight(hex);
  }
  const inner = type.slice(0, -2);
  return hexOfBigInt(value.length) + value.map((v) => encodeStatic(inner, v)).join('');
}

/** Encodes values for types (head/tail layout), without 0x. */
export function encode(types, values) {
  let head = '';
  let tail = '';
  const headLength = types.length * 32;
  types.forEach((type, i) => {
    if (isDynamic(type)) {
      head += hexOfBigInt(headLength + tail.length / 2);
      tail += encodeDynamic(type, values[i]);
    } else {
      head += encodeStatic(type, values[i]);
    }
  });
  return head + tail;
}

/** Calldata for a function entry and its argument values. */
export function encodeCall(entry, values) {
  return selector(entry) + encode(entry.inputs.map((i) => i.type), values);
}

function word(hex, index) {
  const w = hex.slice(index * WORD, (index + 1) * WORD);
  if (w.length !== WORD) {
    throw new Error('ABI data too short');
  }
  return w;
}

function decodeStatic(type, w) {
  if (type === 'address') {
    return '0x' + w.slice(24);
  }
  if (type === 'bool') {
    return BigInt('0x' + w) !== 0n;
  }
  if (/^uint\d*$/.test(type)) {
    return BigInt('0x' + w);
  }
  if (/^int\d*$/.test(type)) {
    const v = BigInt('0x' + w);
    return v >= 1n << 255n ? v - (1n << 256n) : v;
  }
  if (/^bytes\d+$/.test(type)) {
    return '0x' + w.slice(0, 2 * Number(type.slice(5)));
  }
  throw new Error(`cannot decode ${type}`);
}

function decodeDynamic(type, hex, offsetBytes) {
  const start = offsetBytes * 2;
  const length = Number(BigInt('0x' + hex.slice(start, start + WORD)));
  const body = hex.slice(start + WORD);
  if (type === 'string' || type === 'bytes') {
    const bytesHex = body.slice(0, length * 2);
    if (type === 'bytes') {
      return '0x' + bytesHex;
    }
    const bytes = new Uint8Array(bytesHex.length / 2);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(bytesHex.slice(2 * i, 2 * i + 2), 16);
    }
    return new TextDecoder().decode(bytes);
  }
  const inner = type.slice(0, -2);
  const items = [];
  for (let i = 0; i < length; i++) {
    items.push(decodeStatic(inner, word(body, i)));
  }
  return items;
}

/** Decodes 0x-hex data laid out for types. */
export function decode(types, data) {
  const hex = String(data).replace(/^0x/, '');
  return types.map((type, i) => {
    const w = word(hex, i);
    return isDynamic(type) ? decodeDynamic(type, hex, Number(BigInt('0x' + w))) : decodeStatic(type, w);
  });
}

/** An ABI's functions by selector and events by topic0 (computed once per module). */
export function indexAbi(abi) {
  const functions = new Map();
  const events = new Map();
  const byName = new Map();
  for (const entry of abi) {
    if (entry.type === 'function') {
      functions.set(selector(entry), entry);
      byName.set(entry.name, entry);
    } else if (entry.type === 'event') {
      events.set(topic(entry), entry);
    }
  }
  return { functions, events, byName };
}

/** {entry, args: [{name, type, value}]} for calldata, or null when no function of the index matches. */
export function decodeCall(index, input) {
  const entry = index.functions.get(String(input).slice(0, 10).toLowerCase());
  if (!entry) {
    return null;
  }
  const values = decode(entry.inputs.map((i) => i.type), '0x' + input.slice(10));
  return { entry, args: entry.inputs.map((i, n) => ({ name: i.name, type: i.type, value: values[n] })) };
}

/** {entry, args} for a log, or null when no event of the index matches its first topic. */
export function decodeLog(index, log) {
  const entry = log.topics.length > 0 ? index.events.get(log.topics[0].toLowerCase()) : null;
  if (!entry) {
    return null;
  }
  const plain = entry.inputs.filter((i) => !i.indexed);
  const values = decode(plain.map((i) => i.type), log.data);
  let topicIndex = 1;
  let dataIndex = 0;
  const args = entry.inputs.map((input) => {
    if (input.indexed) {
      const t = log.topics[topicIndex++];
      // An indexed dynamic value is only its hash: show the hash.
      const value = isDynamic(input.type) ? t : decodeStatic(input.type, t.replace(/^0x/, ''));
      return { name: input.name, type: input.type, value };
    }
    return { name: input.name, type: input.type, value: values[dataIndex++] };
  });
  return { entry, args };
}
