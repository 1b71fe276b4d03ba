// How decoded values are shown: addresses link to their account page (or are named when they are a module),
// token amounts are shown with the token's decimals and symbol.
import { el, link, short, units } from './dom.js';
import { modules } from './chain.js';

const AMOUNT_NAMES = /^(value|amount|payAmount|receiveAmount|fee|paid|discount|perTransaction|daily|maxBalance)$/;

export async function addressNode(address) {
  const lower = String(address).toLowerCase();
  const module = (await modules()).find((m) => m.address === lower);
  return link(`account/${lower}`, module ? module.name : short(lower, 12), { title: lower, class: 'mono' });
}

/** One decoded argument as a node; token is the token the amounts are in (or null). */
export async function argNode(arg, token) {
  const { type, value, name } = arg;
  if (type === 'address') {
    return addressNode(value);
  }
  if (Array.isArray(value)) {
    return el('span', {}, value.map(String).join(', '));
  }
  if (typeof value === 'bigint' && token && AMOUNT_NAMES.test(name)) {
    return el('span', { class: 'amount' }, `${units(value, token.decimals)} ${token.symbol}`);
  }
  if (typeof value === 'string' && value.startsWith('0x')) {
    return el('span', { class: 'mono', title: value }, short(value, 18));
  }
  return el('span', {}, String(value));
}

/** "name(arg: value, …)" as a node. */
export async function callNode(decoded, token) {
  const parts = [el('strong', {}, `${decoded.module.name}.${decoded.entry.name}`), '('];
  for (const [i, arg] of decoded.args.entries()) {
    if (i > 0) {
      parts.push(', ');
    }
    parts.push(el('span', { class: 'arg-name' }, `${arg.name}: `), await argNode(arg, token));
  }
  parts.push(')');
  return el('span', { class: 'call' }, parts);
}
