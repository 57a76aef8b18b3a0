/**
 * Practice families on addressing (IPv4 subnets, IPv6 notation, plans, summaries, special ranges), built on
 * `src/lib/ip`. `../index.ts` registers them first.
 */
import type { Family } from '../types.ts';

export const ADDRESSING_FAMILIES: readonly Family[] = [];
