/**
 * The "your choice" scenario: 4,000 bytes sent over IPv4 or IPv6, by TCP or UDP, on a link of a chosen MTU. This
 * module is the arithmetic (what the MSS is, how the data is cut into segments or fragments, and the sentences that
 * say so); `transfer-build.ts` builds the frames from the same plan. Kept apart so the island's first download
 * carries the sentences and not the encoders.
 */
import { formatCount } from '../format/index.ts';
import { type FieldError, quote, type Result, type StateError } from '../playground/index.ts';
import { PACKET_CODEC, type PacketPlaygroundState } from './url.ts';

/** Bytes of application data the scenario sends. */
export const TRANSFER_BYTES = 4_000;
/** IPv6's minimum link MTU (RFC 8200 §5). */
export const IPV6_MIN_MTU = 1_280;

export interface TransferInput {
  readonly version: 4 | 6;
  readonly transport: 'tcp' | 'udp';
  readonly mtu: number;
}

/** One piece of the data as it goes on the wire: where it starts in what is cut, and how long it is. */
export interface Piece {
  readonly offset: number;
  readonly length: number;
}

export interface TransferPlan {
  readonly input: TransferInput;
  /** 'segments' (TCP), 'fragments' (UDP over a small MTU) or 'fits' (one UDP packet). */
  readonly kind: 'segments' | 'fragments' | 'fits';
  /** TCP: the MSS; UDP: the most data bytes per fragment (a multiple of 8). */
  readonly step: number;
  /** The pieces: TCP segments of the 4,000 data bytes, or fragments of the UDP datagram (header + data). */
  readonly pieces: readonly Piece[];
  /** What the reader should notice, one sentence each. */
  readonly lines: readonly string[];
}

/** The choices as the model takes them; IPv6 refuses an MTU below 1,280 with a message quoting the text. */
export function transferInput(
  values: { readonly ip: '4' | '6'; readonly transport: 'tcp' | 'udp'; readonly mtu: number },
  mtuText: string,
): Result<TransferInput, StateError<'mtu'>> {
  if (values.ip === '6' && values.mtu < IPV6_MIN_MTU) {
    const error: FieldError<'mtu'> = {
      code: 'rejected',
      field: 'mtu',
      message: `MTU is ${quote(mtuText)} but IPv6 needs at least ${IPV6_MIN_MTU} bytes on every link (RFC 8200).`,
    };
    return { ok: false, error: { code: 'invalid-fields', message: error.message, fields: [error] } };
  }
  return { ok: true, value: { version: values.ip === '6' ? 6 : 4, transport: values.transport, mtu: values.mtu } };
}

function cut(total: number, step: number): Piece[] {
  const pieces: Piece[] = [];
  // step ≥ 8 for every MTU the codec allows (68 − 20 − 20 = 28 for TCP, 48 for IPv4 fragments), so this ends.
  for (let offset = 0; offset < total; offset += step) pieces.push({ offset, length: Math.min(step, total - offset) });
  return pieces;
}
const sizes = (pieces: readonly Piece[]): string => {
  const shown = pieces.slice(0, 4).map((p) => formatCount(p.length));
  return pieces.length > 4 ? `${shown.join(' + ')} + … (${pieces.length - 4} more)` : shown.join(' + ');
};

/** What happens to the 4,000 bytes: the MSS and segments (TCP), or the fragments (UDP). */
export function transferPlan(input: TransferInput): TransferPlan {
  const { version, transport, mtu } = input;
  const ipHeader = version === 4 ? 20 : 40;
  const ip = `IPv${version}`;
  if (transport === 'tcp') {
    const mss = Math.max(8, mtu - ipHeader - 20);
    const pieces = cut(TRANSFER_BYTES, mss);
    return {
      input,
      kind: 'segments',
      step: mss,
      pieces,
      lines: [
        `MSS ${formatCount(mss)} = MTU ${formatCount(mtu)} − ${ipHeader} (${ip} header) − 20 (TCP header): the SYN announces it.`,
        `The sender cuts its ${formatCount(TRANSFER_BYTES)} bytes into ${pieces.length} segment${pieces.length === 1 ? '' : 's'}: ${sizes(pieces)}.`,
        'Every segment fits the link, so nothing is fragmented: TCP sizes its segments to the path.',
      ],
    };
  }
  const datagram = TRANSFER_BYTES + 8;
  const packet = datagram + ipHeader;
  if (packet <= mtu) {
    return {
      input,
      kind: 'fits',
      step: datagram,
      pieces: [{ offset: 0, length: datagram }],
      lines: [
        `The ${formatCount(packet)}-byte ${ip} packet fits the ${formatCount(mtu)}-byte MTU: one packet, no fragments.`,
      ],
    };
  }
  const step = Math.floor((mtu - ipHeader - (version === 6 ? 8 : 0)) / 8) * 8;
  const pieces = cut(datagram, step);
  const offsets = pieces.slice(0, 6).map((p) => formatCount(p.offset / 8));
  const who =
    version === 4
      ? `With Don't Fragment clear, IPv4 splits it into ${pieces.length} fragments`
      : `IPv6 routers never fragment, so the sender does: an 8-byte Fragment header on each of ${pieces.length} fragments`;
  return {
    input,
    kind: 'fragments',
    step,
    pieces,
    lines: [
      `The ${formatCount(datagram)}-byte UDP datagram makes a ${formatCount(packet)}-byte ${ip} packet, more than the ${formatCount(mtu)}-byte MTU.`,
      `${who} of at most ${formatCount(step)} data bytes (a multiple of 8), at offsets ${offsets.join(', ')}${pieces.length > 6 ? ', …' : ''} in 8-byte units.`,
      'Only the first fragment carries the UDP header; lose any fragment and the whole datagram is lost.',
    ],
  };
}

/**
 * The plan for the playground's state (its `ip`, `transport` and `mtu` fields), or the MTU's error: refused text
 * (bounds from the codec) or an IPv6 MTU below 1,280.
 */
export function transferFromState(state: PacketPlaygroundState): Result<TransferPlan, StateError<'mtu'>> {
  const mtu = PACKET_CODEC.parseField('mtu', state.mtu);
  if (!mtu.ok) return { ok: false, error: { code: 'invalid-fields', message: mtu.error.message, fields: [mtu.error] } };
  const input = transferInput({ ip: state.ip, transport: state.transport, mtu: mtu.value }, state.mtu);
  return input.ok ? { ok: true, value: transferPlan(input.value) } : input;
}
