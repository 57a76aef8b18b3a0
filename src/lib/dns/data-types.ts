/**
 * The small constants an island needs before the model loads: the record types a reader may ask for and the
 * protocol's size limits. Kept apart from constants.ts (the registries, each row with its source) so that the DNS
 * playground's first download carries these few bytes and not the tables; constants.ts re-exports them.
 */

/** Record types a user may ask for or put in a zone (OPT is a pseudo-record; ANY only a query type). */
export const DATA_TYPES = [
  'A',
  'AAAA',
  'CNAME',
  'NS',
  'SOA',
  'MX',
  'TXT',
  'PTR',
  'SRV',
  'CAA',
  'HTTPS',
  'SVCB',
] as const;
export type DataTypeName = (typeof DATA_TYPES)[number];

/** Largest DNS message: the 16-bit length prefix of DNS over TCP (RFC 1035 §4.2.2). */
export const MAX_MESSAGE_BYTES = 65_535;
/** Largest name in wire form, length octets included (RFC 1035 §2.3.4). */
export const MAX_NAME_OCTETS = 255;
/** Largest label (RFC 1035 §2.3.4). */
export const MAX_LABEL_OCTETS = 63;
/** UDP payload without EDNS (RFC 1035 §2.3.4). */
export const CLASSIC_UDP_PAYLOAD = 512;
/** The EDNS buffer size DNS Flag Day 2020 recommends, and unbound's default `edns-buffer-size` since 1.12. */
export const FLAG_DAY_UDP_PAYLOAD = 1232;
