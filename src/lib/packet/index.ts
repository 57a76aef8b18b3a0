export * from './bytes.ts';
export { decodeFrame, MAX_FRAME } from './decode.ts';
export * from './encode.ts';
export * from './pcap.ts';
export type * from './spec.ts';
export { TCP_FLAGS } from './spec.ts';
export type * from './types.ts';
export { INPUT_ERROR_CODES, LAYER_NAMES, PROBLEM_CODES } from './types.ts';
