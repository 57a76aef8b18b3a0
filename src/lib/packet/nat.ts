/**
 * NAT rewrite of an IPv4 TCP/UDP frame: addresses and ports change, and the IP, TCP and UDP checksums are
 * updated incrementally (RFC 1624, eqn. 3) word by word, never recomputed — exactly what a NAT box does.
 */
import { incrementalChecksum, u16 } from './bytes.ts';
import { decodeFrame } from './decode.ts';
import type { InputError, Result } from './types.ts';

export interface NatRewrite {
  readonly src?: { readonly ip?: Uint8Array; readonly port?: number };
  readonly dst?: { readonly ip?: Uint8Array; readonly port?: number };
}
export interface NatStep {
  readonly offset: number;
  readonly oldWord: number;
  readonly newWord: number;
  /** Offsets of the checksums updated for this word (IP header and/or transport). */
  readonly checksums: readonly number[];
}

function fail(message: string, offset: number): { ok: false; error: InputError } {
  return { ok: false, error: { code: 'bad-record', message, offset } };
}

/** Rewrites a copy of `frame`; returns the new frame and every 16-bit word changed. */
export function natRewrite(
  frame: Uint8Array,
  rw: NatRewrite,
): Result<{ frame: Uint8Array; steps: NatStep[] }, InputError> {
  const d = decodeFrame(frame);
  const ip = d.layers.find((l) => l.name === 'IPv4');
  const tr = d.layers.find((l) => l.name === 'TCP' || l.name === 'UDP');
  if (!ip) return fail('NAT rewrite needs an IPv4 packet; this frame has none', 0);
  if (!tr) return fail(`NAT rewrite needs TCP or UDP after the IPv4 header at offset ${ip.offset}`, ip.offset);
  const out = frame.slice();
  const steps: NatStep[] = [];
  const ipSum = ip.offset + 10;
  const trSum = tr.offset + (tr.name === 'TCP' ? 16 : 6);
  const udpNoSum = tr.name === 'UDP' && u16(out, trSum) === 0;
  const change = (at: number, word: number, inPseudo: boolean): void => {
    const old = u16(out, at);
    if (old === word) return;
    const sums: number[] = [];
    if (inPseudo) {
      setWord(out, ipSum, incrementalChecksum(u16(out, ipSum), old, word));
      sums.push(ipSum);
    }
    if (!udpNoSum) {
      let next = incrementalChecksum(u16(out, trSum), old, word);
      if (tr.name === 'UDP' && next === 0) next = 0xffff;
      setWord(out, trSum, next);
      sums.push(trSum);
    }
    setWord(out, at, word);
    steps.push({ offset: at, oldWord: old, newWord: word, checksums: sums });
  };
  const addr = (at: number, a: Uint8Array | undefined): void => {
    if (!a) return;
    change(at, ((a[0] ?? 0) << 8) | (a[1] ?? 0), true);
    change(at + 2, ((a[2] ?? 0) << 8) | (a[3] ?? 0), true);
  };
  addr(ip.offset + 12, rw.src?.ip);
  addr(ip.offset + 16, rw.dst?.ip);
  if (rw.src?.port !== undefined) change(tr.offset, rw.src.port & 0xffff, false);
  if (rw.dst?.port !== undefined) change(tr.offset + 2, rw.dst.port & 0xffff, false);
  return { ok: true, value: { frame: out, steps } };
}
function setWord(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}
