/** Public API of the guides' worked examples: typed, tested functions the .mdx pages import and call. */

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
