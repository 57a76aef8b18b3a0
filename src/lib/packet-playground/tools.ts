/**
 * What the packet playground island loads once it has hydrated: the decoder (its first view comes decoded from the
 * server), editing, hex and pcap input and output, and the builder of the "your choice" scenario. One dynamic import
 * of this module keeps all of it out of the page's first download.
 */
export { decodeFrame } from '../packet/decode.ts';
export { writePcap } from '../packet/pcap.ts';
export { loadFrames, setField, setPayload } from './edit.ts';
export { transferPackets } from './transfer-build.ts';
