/**
 * The request and response between the browser and the edge, from the HTTP page-load model (src/lib/http): a page
 * of the document and the same document again, discovered when the first has arrived. The first request runs on a
 * new connection (cold congestion window, the first HPACK/QPACK header block); the second on the same connection,
 * kept alive (warm window, 10 % header blocks) — the reused connection of a warm visit. Only the exchange is taken
 * (Request sent, Waiting (TTFB), Content Download); the connection's setup comes from the handshake model, which
 * also knows resumption.
 */
import { type PHASE_NAMES, type ProtocolId, simulatePageLoad, type TlsMode } from '../http/index.ts';
import type { HttpVersion, TlsVersion } from './types.ts';

/** Durations (ms) of one request's exchange. */
export interface Exchange {
  /** Request bytes onto the link (DevTools' Request sent). */
  readonly sendMs: number;
  /** Request sent → first response byte: one round trip plus the edge's wait (DevTools' Waiting (TTFB)). */
  readonly waitMs: number;
  /** First → last response byte (DevTools' Content Download). */
  readonly downloadMs: number;
}

const PROTOCOL: Readonly<Record<HttpVersion, ProtocolId>> = { '1.1': 'http1.1', '2': 'h2', '3': 'h3' };

/** The exchange on a new connection and on the same connection reused; an error message when the model refuses. */
export function httpExchange(
  version: HttpVersion,
  tls: TlsVersion | null,
  rttMs: number,
  bandwidthMbps: number,
  edgeWaitMs: number,
  bodyBytes: number,
): { ok: true; cold: Exchange; reused: Exchange } | { ok: false; message: string } {
  const mode: TlsMode = tls === null ? 'none' : tls === '1.2' ? 'tls12' : 'tls13';
  const r = simulatePageLoad({
    protocol: PROTOCOL[version],
    network: { rttMs, bandwidthMbps, tls: mode, serverProcessingMs: edgeWaitMs },
    page: { html: { bytes: bodyBytes }, resources: [{ name: 'the same page again', bytes: bodyBytes }] },
  });
  if (!r.ok) return { ok: false, message: r.error.message };
  const of = (index: number): Exchange => {
    const phases = r.value.requests[index]?.phases ?? [];
    const span = (name: (typeof PHASE_NAMES)[number]) => {
      const p = phases.find((x) => x.name === name);
      return p === undefined ? 0 : p.endMs - p.startMs;
    };
    return { sendMs: span('Request sent'), waitMs: span('Waiting (TTFB)'), downloadMs: span('Content Download') };
  };
  return { ok: true, cold: of(0), reused: of(1) };
}
