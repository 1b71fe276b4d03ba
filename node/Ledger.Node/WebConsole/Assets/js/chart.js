// The monthly spending chart: inline SVG bars, one group per month, one bar per currency, stacked by counterparty.
// No chart library: the console must work offline and under a strict Content-Security-Policy.
import { el, units } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 720;
const HEIGHT = 240;
const PAD = 36;
const COLOURS = 8; // classes c0…c7 in console.css

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) {
    node.setAttribute(k, String(v));
  }
  node.append(...children);
  return node;
}

function monthKey(ms) {
  const d = new Date(Number(ms));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** entries: history records (direction "out"); amounts are summed per month, currency and counterparty. */
export function spendingChart(entries, tokenList, since) {
  const months = [];
  const cursor = new Date(since.getTime());
  for (let i = 0; i < 12; i++) {
    months.push(monthKey(cursor.getTime()));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  // totals[month][currency] = Map(counterparty → amount in the token's base units, decimals of that currency's token)
  const totals = new Map(months.map((m) => [m, new Map()]));
  const decimalsOf = new Map();
  const counterparties = new Map();
  for (const entry of entries) {
    const token = tokenList.find((t) => t.address === entry.token.toLowerCase());
    const bucket = totals.get(monthKey(entry.timestampMs));
    if (!token || !bucket) {
      continue;
    }
    decimalsOf.set(token.currency, token.decimals);
    const perCurrency = bucket.get(token.currency) || new Map();
    const amount = BigInt(entry.amount);
    perCurrency.set(entry.counterparty, (perCurrency.get(entry.counterparty) || 0n) + amount);
    bucket.set(token.currency, perCurrency);
    counterparties.set(entry.counterparty, (counterparties.get(entry.counterparty) || 0n) + amount);
  }
  const currencies = [...decimalsOf.keys()].sort();
  if (currencies.length === 0) {
    return el('p', { id: 'spending-chart', class: 'note' }, 'no outgoing payments in the last 12 months');
  }
  const colourOf = new Map([...counterparties.entries()].sort((a, b) => (b[1] > a[1] ? 1 : -1)).map(([c], i) => [c, `c${i % COLOURS}`]));
  // Bars of one currency share a scale; currencies are not converted (the console knows no exchange rate).
  const maxOf = new Map(currencies.map((c) => [c, months.reduce((max, m) => {
    const sum = [...(totals.get(m).get(c) || new Map()).values()].reduce((a, b) => a + b, 0n);
    return sum > max ? sum : max;
  }, 1n)]));
  const groupWidth = (WIDTH - PAD) / months.length;
  const barWidth = Math.max(4, (groupWidth - 6) / currencies.length);
  const plot = HEIGHT - PAD;
  const bars = [];
  months.forEach((month, mi) => {
    currencies.forEach((currency, ci) => {
      const parts = totals.get(month).get(currency) || new Map();
      let y = plot;
      for (const [counterparty, amount] of parts) {
        const h = Number((amount * BigInt(plot - 10)) / maxOf.get(currency));
        y -= h;
        const rect = svg('rect', {
          x: PAD + mi * groupWidth + ci * barWidth, y, width: barWidth - 1, height: Math.max(h, 1), class: `bar ${colourOf.get(counterparty)}`,
        }, svg('title', {}, `${month} ${currency} to ${counterparty}: ${units(amount, decimalsOf.get(currency))}`));
        bars.push(rect);
      }
    });
    bars.push(svg('text', { x: PAD + mi * groupWidth + groupWidth / 2, y: HEIGHT - 14, class: 'axis', 'text-anchor': 'middle' }, month.slice(2)));
  });
  const summary = currencies.map((c) => `${c}: highest month ${units(maxOf.get(c), decimalsOf.get(c))}`).join('; ');
  return el('figure', { id: 'spending-chart' },
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `Outgoing payments per month by currency (${currencies.join(', ')}) and counterparty. ${summary}` },
      svg('line', { x1: PAD, y1: plot, x2: WIDTH, y2: plot, class: 'axis-line' }),
      ...bars),
    el('figcaption', {}, `Outgoing per month, one bar per currency (${currencies.join(', ')}), coloured by counterparty. ${summary}.`));
}
