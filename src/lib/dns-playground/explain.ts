/**
 * The paste box's explanations: what a decoded message says, in sentences — who sent it, what its status and flags
 * mean, whether it is an answer, a referral, NODATA or NXDOMAIN (and for how long a resolver may remember that),
 * what each RRset is and how long it may be cached, and what its EDNS record offers. And the paste box itself for
 * dig's text: each message parsed, explained, re-encoded and annotated for the hex view.
 */
import { typeName } from '../dns/constants.ts';
import { type AnnotatedDecode, decodeAnnotated } from '../dns/decode.ts';
import { type DigMessage, type DigTextError, parseDigText } from '../dns/dig-text.ts';
import { encodeMessage } from '../dns/encode.ts';
import { formatRData } from '../dns/present.ts';
import type { Message, ResourceRecord } from '../dns/types.ts';
import { formatCount } from '../format/index.ts';

const RCODE_MEANING: Readonly<Record<number, string>> = {
  0: 'NOERROR: the server could answer the question',
  1: 'FORMERR: the server could not read the query',
  2: 'SERVFAIL: the server failed to find an answer (a broken delegation, a timeout, a DNSSEC failure…)',
  3: 'NXDOMAIN: the name does not exist',
  4: 'NOTIMP: the server does not support this kind of query',
  5: 'REFUSED: the server will not answer this question (it does not serve the zone, or not to you)',
};

/** "300 s (5 min)", "172,800 s (2 days)": seconds as dig prints them, with the everyday unit beside. */
export function ttlText(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'min'],
  ];
  const unit = units.find(([size]) => seconds >= size);
  if (unit === undefined) return `${seconds} s`;
  const n = Math.round((seconds / unit[0]) * 10) / 10;
  const name = unit[1] === 'min' ? 'min' : n === 1 ? unit[1] : `${unit[1]}s`;
  return `${formatCount(seconds)} s (${n} ${name})`;
}

/** RRsets of a section in order: owner, type, records. */
function rrsets(records: readonly ResourceRecord[]): { name: string; type: number; records: ResourceRecord[] }[] {
  const out: { name: string; type: number; records: ResourceRecord[] }[] = [];
  for (const r of records) {
    if (r.type === 41) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.name === r.name && last.type === r.type) last.records.push(r);
    else out.push({ name: r.name, type: r.type, records: [r] });
  }
  return out;
}

/** Sentences explaining one message, in reading order. */
export function explainMessage(m: Message): readonly string[] {
  const notes: string[] = [];
  const q = m.questions[0];
  const question = q === undefined ? 'no question' : `${q.name} ${typeName(q.type)}`;
  const f = m.flags;
  notes.push(
    f.qr
      ? `A response (QR set) to the question ${question}, ID ${m.id}.`
      : `A query (QR clear) asking ${question}, ID ${m.id}${f.rd ? ', with RD: recursion desired, so a resolver should do the whole walk' : ', without RD: answer from what you hold, do not recurse'}.`,
  );
  if (!f.qr) {
    if (m.edns !== undefined) notes.push(...ednsNotes(m));
    return notes;
  }
  notes.push(`Status ${RCODE_MEANING[m.rcode] ?? `${m.rcode}: an extended or rare response code`}.`);
  if (f.aa) notes.push('AA: an authoritative answer, from a server for the zone itself, not from a cache.');
  if (f.tc) notes.push('TC: truncated — the answer did not fit; ask again over TCP.');
  if (f.ra) notes.push('RA: the server offers recursion (it is a resolver).');
  else if (f.rd)
    notes.push('RD was asked for but RA is clear: this server does not recurse (an authoritative server).');
  if (f.ad) notes.push('AD: the resolver validated the answer with DNSSEC.');
  const soa = m.authorities.find((r) => r.type === 6);
  const negativeTtl = soa?.data.kind === 'SOA' ? Math.min(soa.ttl, soa.data.minimum) : undefined;
  const ns = m.authorities.filter((r) => r.type === 2);
  if (m.rcode === 3) {
    notes.push(
      negativeTtl === undefined
        ? 'The name does not exist; without an SOA in the authority section a resolver should not cache that.'
        : `A resolver may remember that the name does not exist for min(SOA TTL, MINIMUM) = ${ttlText(negativeTtl)} (RFC 2308).`,
    );
  } else if (m.rcode === 0 && m.answers.length === 0 && ns.length > 0 && !f.aa) {
    const zone = ns[0]?.name ?? '';
    notes.push(
      `A referral: the server does not hold the answer and names the servers for ${zone} (${ns.map((r) => formatRData(r.data)).join(', ')}); a resolver asks one of them next.`,
    );
    const glue = m.additionals.filter((r) => r.type === 1 || r.type === 28);
    if (glue.length > 0) notes.push(`Glue: ${glue.length} address record(s) in the additional section save a lookup.`);
  } else if (m.rcode === 0 && m.answers.length === 0 && f.qr) {
    notes.push(
      negativeTtl === undefined
        ? 'NODATA: the name exists but has no record of this type.'
        : `NODATA: the name exists but has no record of this type; a resolver may remember that for ${ttlText(negativeTtl)}.`,
    );
  }
  for (const set of rrsets(m.answers)) {
    const first = set.records[0] as ResourceRecord;
    const ttl = Math.min(...set.records.map((r) => r.ttl));
    notes.push(
      first.data.kind === 'CNAME'
        ? `${set.name} is an alias (CNAME) of ${first.data.target}: the answer continues with that name. Cacheable for ${ttlText(ttl)}.`
        : `${set.name} ${typeName(set.type)}: ${set.records.map((r) => formatRData(r.data)).join(', ')} — cacheable for ${ttlText(ttl)}.`,
    );
  }
  if (m.edns !== undefined) notes.push(...ednsNotes(m));
  return notes;
}

function ednsNotes(m: Message): string[] {
  const e = m.edns;
  if (e === undefined) return [];
  const notes = [
    `EDNS(0) version ${e.version}: the sender accepts UDP messages of up to ${formatCount(e.udpPayloadSize)} octets (RFC 6891).`,
  ];
  if (e.dnssecOk) notes.push('DO: DNSSEC records are wanted (RFC 3225).');
  for (const o of e.options) {
    if (o.code === 10) notes.push(`A DNS COOKIE of ${o.data.length} octets, against spoofed replies (RFC 7873).`);
    else if (o.code === 3) notes.push('NSID: the name of the server instance that answered (RFC 5001).');
    else notes.push(`EDNS option ${o.code}, ${o.data.length} octets.`);
  }
  return notes;
}

/** One message of a pasted dig output: what dig printed, our explanation, and the message re-encoded for the hex view. */
export interface DigPasteMessage {
  readonly dig: DigMessage;
  readonly notes: readonly string[];
  /** The message encoded by this site's encoder (with name compression); may differ from dig's bytes in layout. */
  readonly bytes: Uint8Array;
  readonly decoded: AnnotatedDecode;
}

export type DigPasteView =
  | { readonly kind: 'dig-error'; readonly error: DigTextError }
  | { readonly kind: 'dig'; readonly messages: readonly DigPasteMessage[] };

/** True when pasted text looks like dig's output rather than hex: it has dig's header line or starts with ';'. */
export function looksLikeDig(text: string): boolean {
  return text.includes('->>HEADER<<-') || text.trimStart().startsWith(';');
}

/** Parses dig's text and prepares each message for the paste box. */
export function decodeDigPaste(text: string): DigPasteView {
  const parsed = parseDigText(text);
  if (!parsed.ok) return { kind: 'dig-error', error: parsed.error };
  return {
    kind: 'dig',
    messages: parsed.value.map((dig) => {
      const encoded = encodeMessage(dig.message);
      const bytes = encoded.ok ? encoded.value : new Uint8Array(0);
      const notes = [...explainMessage(dig.message)];
      if (encoded.ok)
        notes.push(
          `Encoded with name compression it is ${formatCount(bytes.length)} octets${dig.size === undefined ? '' : `; dig reports ${formatCount(dig.size)}`}.`,
        );
      else notes.push(`It cannot be encoded: ${encoded.error.message}`);
      return { dig, notes, bytes, decoded: decodeAnnotated(bytes) };
    }),
  };
}
