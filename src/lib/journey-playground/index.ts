/**
 * The journey playground's view model (the island is `src/components/JourneyPlayground/`): its URL fields (declared
 * with the playground toolkit), the conversion to journey-model input for both visits, the timeline's geometry, the
 * ladder's diagram input, and the words and links the island shows.
 *
 * The run (`runJourney`) is the second public entry point, `./run.ts`, for the island's worker, the server render
 * and tests. It is not re-exported here on purpose: the island imports this index, and a static path from here to
 * the journey model would put the DNS, handshake, HTTP and proxy models in the island's bundle.
 */
export type { Journey, JourneyError, JourneyPhase, Lane, ParsedUrl, Visit, WarmChange } from '../journey/types.ts';
export { type JourneyLadderInput, journeyLadder, LANE_LABELS } from './ladder.ts';
export {
  DNS_TRANSPORTS,
  type DnsTransport,
  HTTP_LABELS,
  JOURNEY_CODEC,
  JOURNEY_STATE_DEFAULTS,
  type JourneyPlaygroundError,
  type JourneyPlaygroundState,
  type JourneyRunInput,
  journeyInput,
  MAX_URL_LENGTH,
  NETWORK_CHOICES,
  presetLabel,
  RUN_KEYS,
  runInput,
  SAMPLE_URL,
  TLS_LABELS,
  TRANSPORT_LABELS,
  VISIT_LABELS,
  WARM_LABELS,
} from './state.ts';
export {
  layoutTimeline,
  type TimedPhase,
  type TimelineLayout,
  type TimelineSegment,
  type TimelineTick,
} from './timeline.ts';
export {
  firstByteMs,
  guideName,
  journeySummary,
  type PhaseLinks,
  phaseLinks,
  type UrlPart,
  urlParts,
  type ViewLink,
} from './view.ts';
