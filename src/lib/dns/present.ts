/**
 * Text renderings in dig's (BIND 9.18) presentation format: record data, SvcParams, whole records and a
 * `dig`-style response. Every byte of record data goes through the escaping in name.ts, so the text is safe to show
 * as text (it never contains control characters; views still render it as text, never as HTML).
 */

import { ipv6Text } from './address.ts';
import { className, ednsOptionName, opcodeName, rcodeName, svcKeyName, typeName } from './constants.ts';
import { quoteCharacterString } from './name.ts';
import type { Message, RData, ResourceRecord, SvcParam } from './types.ts';

function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

function base64Of(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63] : '=';
  }
  return out;
}

/** Escapes an SvcParam value list item the way BIND does (commas and backslashes escaped, non-printables \DDD). */
function svcText(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    if (b === 0x2c || b === 0x5c) out += `\\\\${String.fromCharCode(b)}`;
    else if (b === 0x22) out += '\\"';
    else if (b < 0x21 || b > 0x7e) out += `\\${String(b).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

/** One SvcParam in presentation form (RFC 9460 §2.1): `alpn="h2,h3"`, `port=443`, `ipv4hint=192.0.2.1`, `key667="…"`. */
export function formatSvcParam(param: SvcParam): string {
  const name = svcKeyName(param.key);
  const v = param.value;
  switch (param.key) {
    case 0: {
      const keys: string[] = [];
      for (let i = 0; i + 1 < v.length; i += 2) keys.push(svcKeyName(((v[i] as number) << 8) | (v[i + 1] as number)));
      return `${name}=${keys.join(',')}`;
    }
    case 1: {
      const ids: string[] = [];
      for (let i = 0; i < v.length; ) {
        const len = v[i] as number;
        ids.push(svcText(v, i + 1, Math.min(v.length, i + 1 + len)));
        i += 1 + len;
      }
      return `${name}="${ids.join(',')}"`;
    }
    case 2:
      return name;
    case 3:
      return v.length === 2
        ? `${name}=${((v[0] as number) << 8) | (v[1] as number)}`
        : `${name}="${svcText(v, 0, v.length)}"`;
    case 4: {
      const addrs: string[] = [];
      for (let i = 0; i + 3 < v.length; i += 4) addrs.push(`${v[i]}.${v[i + 1]}.${v[i + 2]}.${v[i + 3]}`);
      return `${name}=${addrs.join(',')}`;
    }
    case 5:
      return `${name}=${base64Of(v)}`;
    case 6: {
      const addrs: string[] = [];
      for (let i = 0; i + 15 < v.length; i += 16) addrs.push(ipv6Text(v, i));
      return `${name}=${addrs.join(',')}`;
    }
    default:
      return v.length === 0 ? name : `${name}="${svcText(v, 0, v.length)}"`;
  }
}

/** Record data in dig's presentation format. */
export function formatRData(data: RData): string {
  switch (data.kind) {
    case 'A':
    case 'AAAA':
      return data.address;
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return data.target;
    case 'SOA':
      return `${data.mname} ${data.rname} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    case 'MX':
      return `${data.preference} ${data.exchange}`;
    case 'TXT':
      return data.strings.map(quoteCharacterString).join(' ');
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${data.target}`;
    case 'CAA':
      return `${data.flags} ${data.tag} ${quoteCharacterString(data.value)}`;
    case 'SVCB':
    case 'HTTPS':
      return [String(data.priority), data.target, ...data.params.map(formatSvcParam)].join(' ');
    case 'OPT':
      return data.options.map((o) => `${ednsOptionName(o.code)}=${hexOf(o.data)}`).join(' ');
    case 'unknown':
      return data.data.length === 0 ? '\\# 0' : `\\# ${data.data.length} ${hexOf(data.data)}`;
  }
}

/** One record as dig prints it in a section: name, TTL, class, type, data (tab-separated). */
export function formatRecord(record: ResourceRecord): string {
  return `${record.name}\t${record.ttl}\t${className(record.class)}\t${typeName(record.type)}\t${formatRData(record.data)}`;
}

/** A response as `dig` prints it (header, flags, sections), without dig's timing footer. */
export function formatDig(message: Message): string {
  const f = message.flags;
  const flags = (['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd'] as const).filter((k) => f[k]).join(' ');
  const count = (n: number) => String(n);
  const lines = [
    `;; ->>HEADER<<- opcode: ${opcodeName(f.opcode)}, status: ${rcodeName(message.rcode)}, id: ${message.id}`,
    `;; flags: ${flags}; QUERY: ${count(message.questions.length)}, ANSWER: ${count(message.answers.length)}, AUTHORITY: ${count(message.authorities.length)}, ADDITIONAL: ${count(message.additionals.length)}`,
  ];
  if (message.edns !== undefined) {
    lines.push(
      '',
      ';; OPT PSEUDOSECTION:',
      `; EDNS: version: ${message.edns.version}, flags:${message.edns.dnssecOk ? ' do' : ''}; udp: ${message.edns.udpPayloadSize}`,
    );
  }
  lines.push('', ';; QUESTION SECTION:');
  for (const q of message.questions) lines.push(`;${q.name}\t\t${className(q.class)}\t${typeName(q.type)}`);
  const section = (title: string, records: readonly ResourceRecord[]) => {
    const shown = records.filter((r) => r.type !== 41);
    if (shown.length === 0) return;
    lines.push('', `;; ${title} SECTION:`, ...shown.map(formatRecord));
  };
  section('ANSWER', message.answers);
  section('AUTHORITY', message.authorities);
  section('ADDITIONAL', message.additionals);
  return lines.join('\n');
}
