export { PLAYGROUND_SCENARIOS, type ScenarioId, scenarioPackets } from './scenarios.ts';
export {
  byteOwners,
  fieldBytes,
  type HexCell,
  type HexRow,
  hexRows,
  loadFrames,
  repairChecksums,
  setField,
  writeBits,
} from './view.ts';
