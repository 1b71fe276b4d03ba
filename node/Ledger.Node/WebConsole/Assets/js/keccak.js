// Keccak-256 (the Ethereum hash, padding 0x01, not SHA3-256's 0x06) over 32-bit lane halves.
// The console needs it only for ABI selectors and event topics, computed once per ABI entry.

const RC = [
  0x00000001, 0x00000000, 0x00008082, 0x00000000, 0x0000808a, 0x80000000, 0x80008000, 0x80000000,
  0x0000808b, 0x00000000, 0x80000001, 0x00000000, 0x80008081, 0x80000000, 0x00008009, 0x80000000,
  0x0000008a, 0x00000000, 0x00000088, 0x00000000, 0x80008009, 0x00000000, 0x8000000a, 0x00000000,
  0x8000808b, 0x00000000, 0x0000008b, 0x80000000, 0x00008089, 0x80000000, 0x00008003, 0x80000000,
  0x00008002, 0x80000000, 0x00000080, 0x80000000, 0x0000800a, 0x00000000, 0x8000000a, 0x80000000,
  0x80008081, 0x80000000, 0x00008080, 0x80000000, 0x80000001, 0x00000000, 0x80008008, 0x80000000,
];

// Rotation offsets r[x + 5y].
const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

const RATE = 136;

function permute(s) {
  const c = new Uint32Array(10);
  const b = new Uint32Array(50);
  for (let round = 0; round < 24; round++) {
    for (let x = 0; x < 5; x++) {
      c[2 * x] = s[2 * x] ^ s[2 * x + 10] ^ s[2 * x + 20] ^ s[2 * x + 30] ^ s[2 * x + 40];
      c[2 * x + 1] = s[2 * x + 1] ^ s[2 * x + 11] ^ s[2 * x + 21] ^ s[2 * x + 31] ^ s[2 * x + 41];
    }
    for (let x = 0; x < 5; x++) {
      const l = (x + 4) % 5;
      const r = (x + 1) % 5;
      const dLo = c[2 * l] ^ ((c[2 * r] << 1) | (c[2 * r + 1] >>> 31));
      const dHi = c[2 * l + 1] ^ ((c[2 * r + 1] << 1) | (c[2 * r] >>> 31));
      for (let y = 0; y < 25; y += 5) {
        s[2 * (x + y)] ^= dLo;
        s[2 * (x + y) + 1] ^= dHi;
      }
    }
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        const i = x + 5 * y;
        const n = ROT[i];
        const lo = s[2 * i];
        const hi = s[2 * i + 1];
        let rlo;
        let rhi;
        if (n === 0) {
          rlo = lo; rhi = hi;
        } else if (n < 32) {
          rlo = (lo << n) | (hi >>> (32 - n));
          rhi = (hi << n) | (lo >>> (32 - n));
        } else if (n === 32) {
          rlo = hi; rhi = lo;
        } else {
          const m = n - 32;
          rlo = (hi << m) | (lo >>> (32 - m));
          rhi = (lo << m) | (hi >>> (32 - m));
        }
        const j = y + 5 * ((2 * x + 3 * y) % 5);
        b[2 * j] = rlo;
        b[2 * j + 1] = rhi;
      }
    }
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        const i = 2 * (x + y);
        const i1 = 2 * (((x + 1) % 5) + y);
        const i2 = 2 * (((x + 2) % 5) + y);
        s[i] = b[i] ^ (~b[i1] & b[i2]);
        s[i + 1] = b[i + 1] ^ (~b[i1 + 1] & b[i2 + 1]);
      }
    }
    s[0] ^= RC[2 * round];
    s[1] ^= RC[2 * round + 1];
  }
}

/** Keccak-256 of bytes (Uint8Array) as a Uint8Array of 32 bytes. */
export function keccak256(bytes) {
  const s = new Uint32Array(50);
  const padded = new Uint8Array(Math.floor(bytes.length / RATE + 1) * RATE);
  padded.set(bytes);
  padded[bytes.length] ^= 0x01;
  padded[padded.length - 1] ^= 0x80;
  for (let offset = 0; offset < padded.length; offset += RATE) {
    for (let i = 0; i < RATE / 4; i++) {
      const p = offset + 4 * i;
      s[i] ^= padded[p] | (padded[p + 1] << 8) | (padded[p + 2] << 16) | (padded[p + 3] << 24);
    }
    permute(s);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[4 * i] = s[i] & 0xff;
    out[4 * i + 1] = (s[i] >>> 8) & 0xff;
    out[4 * i + 2] = (s[i] >>> 16) & 0xff;
    out[4 * i + 3] = (s[i] >>> 24) & 0xff;
  }
  return out;
}

/** Keccak-256 of a UTF-8 string, as 0x-prefixed lowercase hex. */
export function keccakText(text) {
  const digest = keccak256(new TextEncoder().encode(text));
  return '0x' + Array.from(digest, (v) => v.toString(16).padStart(2, '0')).join('');
}
