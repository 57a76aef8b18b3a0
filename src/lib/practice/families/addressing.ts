/**
 * Practice families on addressing (IPv4 subnets, IPv6 notation, plans, summaries, special ranges), built on
 * `src/lib/ip`. `../index.ts` registers them first. Each family lives in its own module beside this one.
 */
import type { Family } from '../types.ts';
import { IPV4_SUBNET } from './ipv4-subnet.ts';
import { IPV6_NOTATION } from './ipv6-notation.ts';
import { SPECIAL_RANGES_FAMILY } from './special-ranges.ts';
import { SUBNET_PLAN } from './subnet-plan.ts';
import { SUMMARISE } from './summarise.ts';
import { WHICH_SUBNET } from './which-subnet.ts';

/** In guide order: subnet details, which subnet, IPv6 notation, plans, summaries, special ranges. */
export const ADDRESSING_FAMILIES: readonly Family[] = [
  IPV4_SUBNET,
  WHICH_SUBNET,
  IPV6_NOTATION,
  SUBNET_PLAN,
  SUMMARISE,
  SPECIAL_RANGES_FAMILY,
];
