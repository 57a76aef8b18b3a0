/**
 * The worked examples of the HTTP guides (src/content/docs/web/http-versions.mdx and
 * src/content/docs/playgrounds/http-timeline.mdx), computed by the page-load model when the pages are built, so the
 * numbers in their tables and sentences are the model's. The inputs are fixed here; a model error on them is a bug,
 * so it throws (and fails the build) instead of printing a wrong number.
 */
import { formatDuration } from '../format/index.ts';
import {
  comparePageLoads,
  type NetworkInput,
  type PageInput,
  type PageLoadResult,
  PRESETS,
  PROTOCOLS,
  type ProtocolId,
  type TlsMode,
  uniformPage,
} from '../http/index.ts';

/** One load per protocol variant, keyed by protocol id. */
export type LoadsByProtocol = Readonly<Record<ProtocolId, PageLoadResult>>;

/** Loads `page` over every protocol variant on `network`; throws (with the model's error as cause) on bad input. */
export function loadsByProtocol(page: PageInput, network: NetworkInput): LoadsByProtocol {
  const result = comparePageLoads(page, network);
  if (!result.ok) throw new Error(`worked example: ${result.error.message}`, { cause: result.error });
  return Object.fromEntries(result.value.map((load) => [load.protocol, load])) as Record<ProtocolId, PageLoadResult>;
}

/**
 * The HTTP versions guide's worked example: a 1 KB HTML page referencing 30 assets of 1 KB, a 50 ms round trip,
 * no loss and unlimited bandwidth, so only round trips matter.
 */
export const WORKED_EXAMPLE = { assets: 30, assetBytes: 1000, htmlBytes: 1000, rttMs: 50 } as const;

/** The worked example over every protocol, with `tls` for the HTTP/1.x and HTTP/2 connections. */
export function workedExample(tls: TlsMode): LoadsByProtocol {
  const { assets, assetBytes, htmlBytes, rttMs } = WORKED_EXAMPLE;
  return loadsByProtocol(uniformPage(assets, assetBytes, htmlBytes), {
    rttMs,
    bandwidthMbps: Number.POSITIVE_INFINITY,
    tls,
  });
}

/** A load time with its round trips, for a table cell: "350 ms (7 RTT)". */
export function loadTimeText(loads: LoadsByProtocol, protocol: ProtocolId): string {
  const load = loads[protocol];
  const roundTrips = Number((load.totalMs / load.network.rttMs).toFixed(2));
  return `${formatDuration(load.totalMs)} (${roundTrips} RTT)`;
}

/** Props for one static waterfall (src/components/diagrams/WaterfallDiagram.astro). */
export interface WaterfallFigure {
  readonly title: string;
  readonly caption: string;
  readonly label: string;
  readonly result: PageLoadResult;
  readonly axisMs: number;
}

/**
 * The worked example over TLS 1.3 as two waterfalls on one time axis: HTTP/1.1 keep-alive (six connections, one
 * asset per connection per round trip) and HTTP/2 (one connection, every request at once).
 */
export function workedExampleWaterfalls(): { readonly http11: WaterfallFigure; readonly h2: WaterfallFigure } {
  const loads = workedExample('tls13');
  const axisMs = Math.max(loads['http1.1'].totalMs, loads.h2.totalMs);
  const figure = (protocol: 'http1.1' | 'h2', how: string): WaterfallFigure => {
    const load = loads[protocol];
    const label = PROTOCOLS[protocol].label;
    const connections = load.connectionsOpened === 1 ? 'one connection' : `${load.connectionsOpened} connections`;
    return {
      title: `${label} waterfall of the worked example`,
      caption: `${label} over TLS 1.3, 50 ms round trip: ${connections}, ${how}; the page is loaded at ${formatDuration(load.totalMs)}.`,
      label,
      result: load,
      axisMs,
    };
  };
  return {
    http11: figure('http1.1', 'each fetching one asset per round trip'),
    h2: figure('h2', 'all 30 requests sent at once'),
  };
}

/** The HTTP timeline playground's default page: the image gallery at 100 ms and 50 Mbit/s. */
export function timelineGallery(): LoadsByProtocol {
  return loadsByProtocol(PRESETS['image-gallery'].page, { rttMs: 100, bandwidthMbps: 50 });
}

/** The playground's loss example: six 500 KB files at 100 ms, 100 Mbit/s and 1 % loss (seed 7). */
export function timelineLossy(): LoadsByProtocol {
  return loadsByProtocol(uniformPage(6, 500_000), { rttMs: 100, bandwidthMbps: 100, lossRate: 0.01, seed: 7 });
}
