// DOM helpers: elements are built with textContent, never innerHTML, so no value from the chain can inject markup.

/** el('a', {href: '#/x', class: 'y'}, 'text', child, …) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A table with a caption, header cells and rows of cells (strings or nodes). */
export function table(caption, headers, rows, attributes = {}) {
  return el('table', attributes,
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.length > 0
      ? rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))
      : el('tr', {}, el('td', { colspan: headers.length, class: 'empty' }, 'none'))));
}

/** A definition list of [term, value] pairs; value may be a node. */
export function facts(pairs, attributes = {}) {
  return el('dl', { class: 'facts', ...attributes }, pairs.flatMap(([term, value, id]) => [
    el('dt', {}, term),
    el('dd', id ? { id } : {}, value),
  ]));
}

export function short(hex, keep = 10) {
  return hex && hex.length > keep + 6 ? `${hex.slice(0, keep)}…${hex.slice(-4)}` : hex;
}

export function link(route, text, attributes = {}) {
  return el('a', { href: `#/${route}`, ...attributes }, text);
}

export function quantity(hex) {
  return hex === null || hex === undefined ? null : BigInt(hex);
}

/** Base units as a decimal string with the token's decimals, digits grouped: 123456 → "1,234.56". */
export function units(value, decimals) {
  const v = BigInt(value);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const d = BigInt(decimals);
  const scale = 10n ** d;
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals > 0 ? `.${(abs % scale).toString().padStart(decimals, '0')}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function time(ms) {
  return new Date(Number(ms)).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** Replaces the page's content and moves focus to its heading (keyboard and screen-reader users land on it). */
export function render(main, ...nodes) {
  main.replaceChildren(...nodes);
  const heading = main.querySelector('h2');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

export function errorBox(message) {
  return el('p', { class: 'error', role: 'alert' }, message);
}
