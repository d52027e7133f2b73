// FNV-1a content hashes (Fowler, Noll & Vo; IETF draft-eastlake-fnv), pure JS so they run in
// browsers too: a 32-bit one for quick fingerprints and a streaming 64-bit one for provenance.
// These are fingerprints, not cryptographic digests.

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a 32 over the bytes of typed-array views, in order; `fnv1a32:` + 8 hex digits. */
export function fnv1a32Bytes(views: readonly ArrayBufferView[]): string {
  let h = FNV32_OFFSET;
  for (const view of views) {
    const b = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < b.length; i++) {
      h ^= b[i];
      h = Math.imul(h, FNV32_PRIME);
    }
  }
  return `fnv1a32:${(h >>> 0).toString(16).padStart(8, "0")}`;
}

/** FNV-1a 32 over a string's UTF-16 code units; `fnv1a32:` + 8 hex digits. */
export function fnv1a32Text(text: string): string {
  let h = FNV32_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV32_PRIME);
  }
  return `fnv1a32:${(h >>> 0).toString(16).padStart(8, "0")}`;
}

/**
 * Streaming FNV-1a 64 over bytes; strings as UTF-8 (each followed by a 0 separator), numbers
 * as IEEE-754 little-endian bytes. Four 16-bit limbs keep every product exact.
 */
export class Fnv1a64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;
  private readonly view = new DataView(new ArrayBuffer(8));

  byte(b: number): void {
    const h0 = this.h0 ^ b;
    // multiply by the FNV prime 2^40 + 0x1b3
    const t0 = h0 * 0x1b3;
    let t1 = this.h1 * 0x1b3;
    let t2 = this.h2 * 0x1b3 + (h0 << 8);
    let t3 = this.h3 * 0x1b3 + (this.h1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    t3 += t2 >>> 16;
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  /** Raw bytes, no separator. */
  bytes(bytes: Uint8Array): void {
    let h0 = this.h0;
    let h1 = this.h1;
    let h2 = this.h2;
    let h3 = this.h3;
    for (let k = 0; k < bytes.length; k++) {
      h0 ^= bytes[k];
      const t0 = h0 * 0x1b3;
      let t1 = h1 * 0x1b3;
      let t2 = h2 * 0x1b3 + (h0 << 8);
      let t3 = h3 * 0x1b3 + (h1 << 8);
      t1 += t0 >>> 16;
      t2 += t1 >>> 16;
      t3 += t2 >>> 16;
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
  }

  /** A string as UTF-8, then a 0 byte, so ("ab", "c") and ("a", "bc") differ. */
  string(s: string): void {
    for (let k = 0; k < s.length; k++) {
      let c = s.charCodeAt(k);
      if (c >= 0xd800 && c < 0xdc00 && k + 1 < s.length) {
        const d = s.charCodeAt(k + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          k++;
        }
      }
      if (c < 0x80) this.byte(c);
      else if (c < 0x800) {
        this.byte(0xc0 | (c >> 6));
        this.byte(0x80 | (c & 63));
      } else if (c < 0x10000) {
        this.byte(0xe0 | (c >> 12));
        this.byte(0x80 | ((c >> 6) & 63));
        this.byte(0x80 | (c & 63));
      } else {
        this.byte(0xf0 | (c >> 18));
        this.byte(0x80 | ((c >> 12) & 63));
        this.byte(0x80 | ((c >> 6) & 63));
        this.byte(0x80 | (c & 63));
      }
    }
    this.byte(0);
  }

  /** A number's IEEE-754 little-endian bytes. */
  number(x: number): void {
    this.view.setFloat64(0, x, true);
    for (let k = 0; k < 8; k++) this.byte(this.view.getUint8(k));
  }

  /** 16 lower-case hex digits. */
  digest(): string {
    const hex = (n: number) => n.toString(16).padStart(4, "0");
    return hex(this.h3) + hex(this.h2) + hex(this.h1) + hex(this.h0);
  }
}

/** FNV-1a 64 of a string's UTF-8 bytes (no separator), as 16 lower-case hex digits. */
export function fnv1a64(text: string): string {
  const h = new Fnv1a64();
  h.bytes(new TextEncoder().encode(text));
  return h.digest();
}
