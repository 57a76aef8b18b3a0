/**
 * Practice families built on the protocol models (handshake, HTTP, DNS, NAT, proxy, packet), in journey order.
 * Owned by the model-families work; `../index.ts` registers them after the addressing families.
 */
import type { Family } from '../types.ts';
import { DNS_RESOLUTION } from './dns-resolution.ts';
import { HANDSHAKE_RTT } from './handshake-rtt.ts';
import { HTTP_LOAD } from './http-load.ts';
import { NAT_TRANSLATION } from './nat-translation.ts';
import { PACKET_FIELDS } from './packet-fields.ts';
import { PROXY_CHOICE } from './proxy-choice.ts';

export const MODEL_FAMILIES: readonly Family[] = [
  PACKET_FIELDS,
  DNS_RESOLUTION,
  NAT_TRANSLATION,
  HANDSHAKE_RTT,
  HTTP_LOAD,
  PROXY_CHOICE,
];
