/** A minimal DNS message encoder (one question, optional A/AAAA answers) for the scenarios; decoding is left raw. */
import { concat, put16, put32 } from './bytes.ts';

export const DNS_TYPE = { A: 1, AAAA: 28 } as const;

/** Wire form of a name: labels of ≤ 63 bytes (longer ones are cut), ASCII lowercased. */
export function encodeDnsName(name: string): Uint8Array {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .filter((l) => l !== '')
    .slice(0, 127);
  const parts: number[] = [];
  for (const l of labels) {
    const bytes = [...l.toLowerCase().slice(0, 63)].map((ch) => ch.charCodeAt(0) & 0x7f);
    parts.push(bytes.length, ...bytes);
  }
  parts.push(0);
  return Uint8Array.from(parts.slice(0, 255));
}

export interface DnsMessageSpec {
  readonly id: number;
  readonly response: boolean;
  readonly name: string;
  readonly type: number;
  /** Answer addresses (4 bytes for A, 16 for AAAA), each with the question's name and this TTL. */
  readonly answers?: readonly Uint8Array[];
  readonly ttl?: number;
}

export function encodeDnsMessage(m: DnsMessageSpec): Uint8Array {
  const header = new Uint8Array(12);
  put16(header, 0, m.id);
  put16(header, 2, m.response ? 0x8180 : 0x0100);
  put16(header, 4, 1);
  put16(header, 6, m.answers?.length ?? 0);
  const question = concat([encodeDnsName(m.name), new Uint8Array([0, m.type, 0, 1])]);
  const answers = (m.answers ?? []).map((rdata) => {
    const rr = new Uint8Array(12);
    put16(rr, 0, 0xc00c); // pointer to the name in the question
    put16(rr, 2, m.type);
    put16(rr, 4, 1);
    put32(rr, 6, m.ttl ?? 300);
    put16(rr, 10, rdata.length);
    return concat([rr, rdata]);
  });
  return concat([header, question, ...answers]);
}
