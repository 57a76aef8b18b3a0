/** Public API of the guides' worked examples: typed, tested functions the .mdx pages import and call. */

export {
  CACHE_EXAMPLE_AFTER,
  type CacheRowExample,
  cacheExamples,
  coldWalkFigure,
  coldWalkQuestions,
  DNS_GUIDE_NAME,
  DNS_GUIDE_NETWORK,
  dnsMs,
  type GuideLookup,
  type GuideResult,
  guideLookup,
  type LadderFigure,
  type NegativeExample,
  negativeExample,
  qminCounts,
  type SizeExample,
  sizeExample,
  transportExamples,
  zoneTtl,
} from './dns-examples.ts';
export {
  type LoadsByProtocol,
  loadsByProtocol,
  loadTimeText,
  timelineGallery,
  timelineLossy,
  type WaterfallFigure,
  WORKED_EXAMPLE,
  workedExample,
  workedExampleWaterfalls,
} from './http-examples.ts';
export {
  FORWARD_RULES,
  type ForwardRow,
  forwardExample,
  NAT_GUIDE,
  type NaptExample,
  naptExample,
  type TranslationRow,
} from './nat-examples.ts';
export { requestSentMs, setupRoundTrips, TLS_GUIDE_RTT_MS } from './tls-examples.ts';
