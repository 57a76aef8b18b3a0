export { loadFrames, MAX_PAYLOAD, repairChecksums, setField, setPayload, writeBits } from './edit.ts';
export { PLAYGROUND_SCENARIOS, type ScenarioId } from './scenario-list.ts';
export { scenarioPackets } from './scenarios.ts';
export {
  IPV6_MIN_MTU,
  type Piece,
  TRANSFER_BYTES,
  type TransferInput,
  type TransferPlan,
  transferFromState,
  transferInput,
  transferPlan,
} from './transfer.ts';
export { transferPackets } from './transfer-build.ts';
export {
  decodePlaygroundUrl,
  encodePlaygroundUrl,
  MAX_PACKET,
  MTU_BOUND,
  PACKET_CODEC,
  type PacketPlaygroundState,
  type PlaygroundUrlState,
  packetIndex,
  URL_DEFAULTS,
} from './url.ts';
export { byteOwners, fieldBytes, type HexCell, type HexRow, hexRows } from './view.ts';
