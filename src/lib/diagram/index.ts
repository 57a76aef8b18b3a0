/** Public API of the diagram layouts: pure functions from diagram data (or model output) to positioned shapes. */

export {
  FLOW_NODE_KINDS,
  type FlowEdge,
  type FlowGroup,
  type FlowInput,
  type FlowLayout,
  type FlowNode,
  type FlowNodeKind,
  layoutFlow,
  type PlacedEdge,
  type PlacedGroup,
  type PlacedNode,
} from './flow.ts';
export {
  type LayerStackInput,
  type LayerStackLayout,
  layoutLayerStack,
  PDU_PART_ROLES,
  type Pdu,
  type PduPart,
  type PduPartRole,
  type StackCell,
  type StackColumn,
  type StackLayer,
} from './layer-stack.ts';
export {
  type Box,
  boxesOverlap,
  type Scene,
  SHAPE_ROLES,
  type Shape,
  type ShapeRole,
  shapeBox,
  unionBox,
} from './scene.ts';
export {
  layoutSequence,
  type PlacedActor,
  type PlacedMessage,
  type PlacedStep,
  type SequenceActor,
  type SequenceDivider,
  type SequenceInput,
  type SequenceLayout,
  type SequenceMessage,
  type SequenceNote,
  type SequenceStep,
} from './sequence.ts';
export { diagramId, MIN_DIAGRAM_SCALE, scrollsOnPhone } from './svg.ts';
export { estimateTextWidth, splitLines } from './text.ts';
export type {
  ComparisonRow,
  WaterfallLaneItem,
  WaterfallLayout,
  WaterfallRow,
  WaterfallSegment,
} from './waterfall.ts';
export {
  compareRows,
  LANE_UNITS,
  lanePaths,
  layoutWaterfall,
  PHASE_BANDS,
  PHASE_KEYS,
  ROW_UNITS,
  swatchPath,
  WATERFALL_WIDTH,
  waterfallPaths,
} from './waterfall.ts';
export { layoutWaterfallScene, type WaterfallSceneOptions } from './waterfall-scene.ts';
