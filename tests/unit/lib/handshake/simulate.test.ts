import { describe, expect, it } from 'vitest';
import {
  compareScenarios,
  isScenarioId,
  SCENARIOS,
  type ScenarioId,
  type ScenarioResult,
  scenarioIds,
  simulateHandshake,
} from '../../../../src/lib/handshake/index.ts';

const UNLIMITED = Number.POSITIVE_INFINITY;
/** Latency only: unlimited bandwidth, tiny response, cached DNS, no server time. */
const LATENCY_ONLY = { bandwidthMbps: UNLIMITED, responseBytes: 1000, serverProcessingMs: 0 } as const;

const names = (r: ScenarioResult): string[] => r.messages.map((m) => m.name);

describe('round trips before the request (worked example: 56 ms RTT, New York ↔ London)', () => {
  // High Performance Browser Networking, ch. 4 "TLS handshake": 28 ms one way, 56 ms round trip.
  // Counts: TCP 1 RTT (RFC 9293 §3.5) + TLS 1.2 2 RTT (RFC 5246 §7.3) or TLS 1.3 1 RTT (RFC 8446 §2);
  // 0-RTT data goes with the ClientHello (RFC 8446 §2.3); QUIC merges transport and TLS (RFC 9000 §7).
  it.each([
    ['tcp-new', 1],
    ['tcp-fast-open', 0],
    ['tcp-reused', 0],
    ['tls12-full', 3],
    ['tls12-resumed', 2],
    ['tls12-false-start', 2],
    ['tls13-full', 2],
    ['tls13-hrr', 3],
    ['tls13-psk', 2],
    ['tls13-0rtt', 1],
    ['tls13-tfo', 1],
    ['quic-new', 1],
    ['quic-0rtt', 0],
  ] as const)('%s sends the request after %d RTT', (id, rtts) => {
    const result = simulateHandshake(id, { rttMs: 56, ...LATENCY_ONLY });
    expect(result.setupRoundTrips).toBe(rtts);
    expect(result.requestSentMs).toBe(56 * rtts);
    // Request 28 ms there, response 28 ms back.
    expect(result.ttfbMs).toBe(56 * rtts + 56);
  });

  it('every scenario is covered', () => {
    expect(compareScenarios({ rttMs: 56 }).map((r) => r.scenario)).toEqual([...scenarioIds]);
  });
});

describe('message flows follow the RFC figures', () => {
  const flow = (id: ScenarioId): string[] => names(simulateHandshake(id, { rttMs: 50, ...LATENCY_ONLY }));
  const TCP = ['SYN', 'SYN-ACK', 'ACK'];

  it('TCP: three-way handshake, then the request with the ACK (RFC 9293 §3.5)', () => {
    expect(flow('tcp-new')).toEqual([...TCP, 'HTTP request', 'HTTP response']);
  });
  it('TCP Fast Open: data in the SYN, answer before the final ACK (RFC 7413 §3)', () => {
    expect(flow('tcp-fast-open')).toEqual(['SYN', 'HTTP request', 'SYN-ACK', 'HTTP response', 'ACK']);
  });
  it('reused connection: no setup', () => {
    expect(flow('tcp-reused')).toEqual(['HTTP request', 'HTTP response']);
  });
  it('TLS 1.2 full (RFC 5246 §7.3 Figure 1, ECDHE per RFC 8422, ticket per RFC 5077 §3.2)', () => {
    expect(flow('tls12-full')).toEqual([
      ...TCP,
      'ClientHello',
      'ServerHello',
      'Certificate',
      'ServerKeyExchange',
      'ServerHelloDone',
      'ClientKeyExchange',
      'ChangeCipherSpec',
      'Finished',
      'NewSessionTicket',
      'ChangeCipherSpec',
      'Finished',
      'HTTP request',
      'HTTP response',
    ]);
  });
  it('TLS 1.2 False Start: the request follows the client Finished (RFC 7918)', () => {
    expect(flow('tls12-false-start')).toEqual([
      ...TCP,
      'ClientHello',
      'ServerHello',
      'Certificate',
      'ServerKeyExchange',
      'ServerHelloDone',
      'ClientKeyExchange',
      'ChangeCipherSpec',
      'Finished',
      'HTTP request',
      'NewSessionTicket',
      'ChangeCipherSpec',
      'Finished',
      'HTTP response',
    ]);
  });
  it('TLS 1.2 abbreviated handshake: server Finished first (RFC 5246 §7.3 Figure 2, RFC 5077 §3.1)', () => {
    expect(flow('tls12-resumed')).toEqual([
      ...TCP,
      'ClientHello',
      'ServerHello',
      'NewSessionTicket',
      'ChangeCipherSpec',
      'Finished',
      'ChangeCipherSpec',
      'Finished',
      'HTTP request',
      'HTTP response',
    ]);
  });
  it('TLS 1.3 full (RFC 8446 §2 Figure 1) with a post-handshake ticket (§4.6.1)', () => {
    expect(flow('tls13-full')).toEqual([
      ...TCP,
      'ClientHello',
      'ServerHello',
      'EncryptedExtensions',
      'Certificate',
      'CertificateVerify',
      'Finished',
      'Finished',
      'HTTP request',
      'NewSessionTicket',
      'HTTP response',
    ]);
  });
  it('TLS 1.3 HelloRetryRequest (RFC 8446 §2.1 Figure 2)', () => {
    expect(flow('tls13-hrr').slice(3, 7)).toEqual(['ClientHello', 'HelloRetryRequest', 'ClientHello', 'ServerHello']);
  });
  it('TLS 1.3 PSK: no Certificate or CertificateVerify (RFC 8446 §2.2 Figure 3)', () => {
    expect(flow('tls13-psk')).toEqual([
      ...TCP,
      'ClientHello',
      'ServerHello',
      'EncryptedExtensions',
      'Finished',
      'Finished',
      'HTTP request',
      'NewSessionTicket',
      'HTTP response',
    ]);
  });
  it('TLS 1.3 0-RTT: early data with the ClientHello, EndOfEarlyData later (RFC 8446 §2.3 Figure 4)', () => {
    expect(flow('tls13-0rtt')).toEqual([
      ...TCP,
      'ClientHello',
      'HTTP request',
      'ServerHello',
      'EncryptedExtensions',
      'Finished',
      'HTTP response',
      'EndOfEarlyData',
      'Finished',
      'NewSessionTicket',
    ]);
  });
  it('QUIC 1-RTT handshake (RFC 9000 §7 Figure 4)', () => {
    const result = simulateHandshake('quic-new', { rttMs: 50, ...LATENCY_ONLY });
    expect(result.messages.map((m) => m.label)).toEqual([
      'Initial: ClientHello',
      'Initial: ServerHello',
      'Handshake: EncryptedExtensions, Certificate, CertificateVerify, Finished',
      'Initial: ACK',
      'Handshake: Finished',
      'HTTP/3 GET /',
      '1-RTT: HANDSHAKE_DONE, NewSessionTicket',
      'HTTP/3 200 OK',
    ]);
  });
  it('QUIC 0-RTT: request in 0-RTT packets, no EndOfEarlyData (RFC 9000 §7 Figure 5, RFC 9001 §8.3)', () => {
    const result = simulateHandshake('quic-0rtt', { rttMs: 50, ...LATENCY_ONLY });
    expect(names(result)).toEqual([
      'Initial',
      'HTTP request',
      'Initial',
      'Handshake',
      'HTTP response',
      'Initial',
      'Handshake',
      '1-RTT',
    ]);
    expect(names(result)).not.toContain('EndOfEarlyData');
  });
});

describe('protection and early data flags', () => {
  it('TLS 1.3: everything after ServerHello is encrypted (RFC 8446 §2: {} and [] in Figure 1)', () => {
    const m = simulateHandshake('tls13-full').messages.filter((x) => x.layer === 'tls');
    expect(m.map((x) => [x.name, x.encrypted])).toEqual([
      ['ClientHello', false],
      ['ServerHello', false],
      ['EncryptedExtensions', true],
      ['Certificate', true],
      ['CertificateVerify', true],
      ['Finished', true],
      ['Finished', true],
      ['NewSessionTicket', true],
    ]);
  });
  it('TLS 1.2: the certificate travels in the clear; only Finished and application data are encrypted', () => {
    const m = simulateHandshake('tls12-full').messages;
    expect(m.filter((x) => x.encrypted).map((x) => x.name)).toEqual([
      'Finished',
      'Finished',
      'HTTP request',
      'HTTP response',
    ]);
  });
  it('0-RTT marks the request and EndOfEarlyData as early', () => {
    const m = simulateHandshake('tls13-0rtt').messages;
    expect(m.filter((x) => x.early).map((x) => x.name)).toEqual(['HTTP request', 'EndOfEarlyData']);
    expect(
      simulateHandshake('quic-0rtt')
        .messages.filter((x) => x.early)
        .map((x) => x.name),
    ).toEqual(['HTTP request']);
  });
  it('QUIC Initial packets are not counted as encrypted; Handshake and 1-RTT are', () => {
    const m = simulateHandshake('quic-new').messages;
    expect(m.filter((x) => x.name === 'Initial').every((x) => !x.encrypted)).toBe(true);
    expect(m.filter((x) => x.name === 'Handshake' || x.name === '1-RTT').every((x) => x.encrypted)).toBe(true);
  });
  it('plain HTTP is not encrypted', () => {
    expect(simulateHandshake('tcp-new').messages.some((x) => x.encrypted)).toBe(false);
  });
});

describe('flights', () => {
  it('groups the server first flight of TLS 1.3 into one flight', () => {
    const m = simulateHandshake('tls13-full').messages;
    const flightOf = (name: string, nth = 0): number => m.filter((x) => x.name === name)[nth]?.flight ?? -1;
    expect(
      new Set(['ServerHello', 'EncryptedExtensions', 'Certificate', 'CertificateVerify'].map((n) => flightOf(n))).size,
    ).toBe(1);
    expect(flightOf('Finished', 0)).toBe(flightOf('ServerHello'));
    // The client's ACK and ClientHello leave together.
    expect(flightOf('ACK')).toBe(flightOf('ClientHello'));
    // Client Finished and the request share a flight.
    expect(flightOf('Finished', 1)).toBe(flightOf('HTTP request'));
  });
  it('numbers flights from 1 without gaps', () => {
    for (const id of scenarioIds) {
      const flights = [...new Set(simulateHandshake(id).messages.map((m) => m.flight))];
      expect(flights).toEqual(flights.map((_, i) => i + 1));
    }
  });
});

describe('timing details', () => {
  it('asymmetric delays: round trips are c2s + s2c', () => {
    const r = simulateHandshake('tls13-full', { clientToServerMs: 10, serverToClientMs: 50, ...LATENCY_ONLY });
    expect(r.requestSentMs).toBe(120);
    expect(r.ttfbMs).toBe(180);
    expect(r.messages[0]).toMatchObject({ name: 'SYN', sendAtMs: 0, receiveAtMs: 10 });
    expect(r.messages[1]).toMatchObject({ name: 'SYN-ACK', sendAtMs: 10, receiveAtMs: 60 });
  });

  it('DNS lookups come first, one resolver round trip each', () => {
    const r = simulateHandshake('tls13-full', {
      rttMs: 50,
      ...LATENCY_ONLY,
      dns: { kind: 'uncached', resolverRttMs: 20, lookups: 2 },
    });
    expect(r.connectStartMs).toBe(40);
    expect(r.breakdown.dns).toBe(40);
    expect(r.requestSentMs).toBe(140);
    expect(r.setupRoundTrips).toBe(2);
    expect(names(r).slice(0, 4)).toEqual(['DNS query', 'DNS response', 'DNS query', 'DNS response']);
    expect(r.messages[0]).toMatchObject({ from: 'client', to: 'resolver', label: 'DNS query 1/2' });
    expect(r.notes[0]).toMatch(/2 uncached lookup/);
  });

  it('server processing delays the response, not the handshake', () => {
    const base = simulateHandshake('tls13-full', { rttMs: 50, ...LATENCY_ONLY });
    const slow = simulateHandshake('tls13-full', { rttMs: 50, ...LATENCY_ONLY, serverProcessingMs: 200 });
    expect(slow.requestSentMs).toBe(base.requestSentMs);
    expect(slow.ttfbMs - base.ttfbMs).toBe(200);
    expect(slow.breakdown.server).toBe(200);
  });

  it('0-RTT answers right after the server Finished, even before the client Finished (0.5-RTT data)', () => {
    const r = simulateHandshake('tls13-0rtt', { rttMs: 50, ...LATENCY_ONLY });
    const response = r.messages.find((m) => m.name === 'HTTP response');
    const serverHello = r.messages.find((m) => m.name === 'ServerHello');
    expect(response?.sendAtMs).toBe(serverHello?.sendAtMs);
    expect(r.ttfbMs).toBe(100);
  });

  it('the breakdown adds up to the time to last byte', () => {
    for (const r of compareScenarios({
      rttMs: 70,
      dns: { kind: 'uncached', resolverRttMs: 30 },
      serverProcessingMs: 15,
    })) {
      const b = r.breakdown;
      expect(b.dns + b.tcp + b.tls + b.request + b.server + b.transfer).toBeCloseTo(r.timeToLastByteMs, 9);
    }
  });

  it('QUIC puts its whole handshake under "tls" and nothing under "tcp"', () => {
    const r = simulateHandshake('quic-new', { rttMs: 50, ...LATENCY_ONLY });
    expect(r.breakdown).toMatchObject({ dns: 0, tcp: 0, tls: 50, request: 25, server: 0, transfer: 25 });
  });

  it('handshakeCompleteMs is when the client has the server Finished (Node: secureConnect)', () => {
    const at = (id: ScenarioId): number => simulateHandshake(id, { rttMs: 40, ...LATENCY_ONLY }).handshakeCompleteMs;
    expect(at('tls12-full')).toBe(120);
    expect(at('tls12-false-start')).toBe(120);
    expect(at('tls12-resumed')).toBe(80);
    expect(at('tls13-full')).toBe(80);
    expect(at('tls13-hrr')).toBe(120);
    expect(at('tcp-new')).toBe(40);
    expect(at('tcp-reused')).toBe(0);
  });
});

describe('slow start and big flights', () => {
  it('response: cwnd doubles each RTT from IW10 — 30 000 bytes take 2 rounds', () => {
    const r = simulateHandshake('tls13-full', { rttMs: 56, bandwidthMbps: UNLIMITED, responseBytes: 30_000 });
    // Sent at 140 (request arrived), one extra round (56) + one-way (28).
    expect(r.timeToLastByteMs).toBe(140 + 56 + 28);
    expect(r.breakdown.transfer).toBe(84);
    expect(r.notes.some((n) => n.includes('2 slow-start rounds'))).toBe(true);
  });

  it('response: bandwidth-limited when serialization beats the slow-start rounds', () => {
    // 125 000 bytes at 1 Mbit/s = 1000 ms, more than the 3 extra rounds (168 ms) slow start would need.
    const r = simulateHandshake('tls13-full', { rttMs: 56, bandwidthMbps: 1, responseBytes: 125_000, requestBytes: 0 });
    const response = r.messages.find((m) => m.name === 'HTTP response');
    // It leaves in the same flight as the 250-byte NewSessionTicket (2 ms at 1 Mbit/s), then 1000 ms + 28 ms one way.
    expect(response && response.receiveAtMs - response.sendAtMs).toBeCloseTo(2 + 1000 + 28, 9);
  });

  it('a certificate chain larger than IW10 costs TCP an extra round trip (RFC 6928)', () => {
    const small = simulateHandshake('tls13-full', { rttMs: 50, ...LATENCY_ONLY, certChainBytes: 3000 });
    const big = simulateHandshake('tls13-full', { rttMs: 50, ...LATENCY_ONLY, certChainBytes: 16_000 });
    expect(small.extraFlightRoundTrips).toBe(0);
    expect(big.extraFlightRoundTrips).toBe(1);
    expect(big.setupRoundTrips).toBe(3);
    expect(big.requestSentMs - small.requestSentMs).toBe(50);
    expect(big.notes.join(' ')).toMatch(/initial window of 14600 bytes/);
    // The part of the flight within the first window arrives on time.
    const hello = big.messages.find((m) => m.name === 'ServerHello');
    expect(hello?.receiveAtMs).toBe(50 + 25 + 25);
  });

  it('TLS 1.2 pays the same for a big chain', () => {
    const big = simulateHandshake('tls12-full', { rttMs: 50, ...LATENCY_ONLY, certChainBytes: 20_000 });
    expect(big.setupRoundTrips).toBe(4);
    expect(big.notes.join(' ')).toMatch(/1 extra round trip\./);
  });

  it('QUIC: a chain above ~3 KB hits the 3× anti-amplification limit (RFC 9000 §8.1)', () => {
    const fits = simulateHandshake('quic-new', { rttMs: 50, ...LATENCY_ONLY, certChainBytes: 2500 });
    const over = simulateHandshake('quic-new', { rttMs: 50, ...LATENCY_ONLY, certChainBytes: 5000 });
    expect(fits.setupRoundTrips).toBe(1);
    expect(over.setupRoundTrips).toBe(2);
    expect(over.notes.join(' ')).toMatch(/3600 bytes \(3 × 1200 received\)/);
  });

  it('QUIC: after validation the window keeps growing — 13 KB costs one extra round, 20 KB two', () => {
    // Round 0: 3600 bytes (limit); round 1: window 12 000 + 3600 acknowledged = 15 600 more.
    expect(simulateHandshake('quic-new', { ...LATENCY_ONLY, certChainBytes: 13_000 }).extraFlightRoundTrips).toBe(1);
    expect(simulateHandshake('quic-new', { ...LATENCY_ONLY, certChainBytes: 20_000 }).extraFlightRoundTrips).toBe(2);
    // 0-RTT: a big request raises the allowance (3 × bytes received) and the PSK flight is small anyway.
    expect(simulateHandshake('quic-0rtt', { ...LATENCY_ONLY, requestBytes: 20_000 }).extraFlightRoundTrips).toBe(0);
  });
});

describe('notes', () => {
  it.each(['tls13-0rtt', 'quic-0rtt', 'tcp-fast-open'] as const)('%s warns about replay', (id) => {
    expect(simulateHandshake(id).notes.join(' ')).toMatch(/replay/i);
  });
  it('False Start explains its conditions', () => {
    expect(simulateHandshake('tls12-false-start').notes.join(' ')).toMatch(/RFC 7918/);
  });
  it('a reused connection says why it is free', () => {
    expect(simulateHandshake('tcp-reused').notes.join(' ')).toMatch(/already open/);
  });
});

describe('scenario table', () => {
  it('isScenarioId accepts the ids and nothing else (for props and URL state)', () => {
    expect(scenarioIds.every((id) => isScenarioId(id))).toBe(true);
    expect(isScenarioId('tls14-full')).toBe(false);
  });
  it('has one row per id, with sources', () => {
    for (const id of scenarioIds) {
      expect(SCENARIOS[id].id).toBe(id);
      expect(SCENARIOS[id].sources.length).toBeGreaterThan(0);
    }
  });
  it('early-data scenarios are exactly the ones whose request leaves before the handshake completes', () => {
    for (const id of scenarioIds) {
      const r = simulateHandshake(id, { rttMs: 50, ...LATENCY_ONLY });
      const sentEarly = r.requestSentMs < r.handshakeCompleteMs && id !== 'tls12-false-start';
      expect(sentEarly).toBe(SCENARIOS[id].earlyData);
    }
  });
});

describe('issue 10.4: warm windows, TCP Fast Open with TLS 1.3, the initial window as an input', () => {
  it('a reused connection keeps its warm window: 64 KB after 40 ms of server time arrive at 96 ms, not 208 ms', () => {
    // 56 ms RTT: the request arrives at 28, the response leaves at 68 and arrives whole at 96 in one round. Restarting
    // slow start from IW10 took 14 600 + 29 200 + 58 400 bytes: two extra round trips, 68 + 112 + 28 = 208.
    const input = { rttMs: 56, bandwidthMbps: UNLIMITED, responseBytes: 65_536, serverProcessingMs: 40 };
    const r = simulateHandshake('tcp-reused', input);
    expect(r.timeToLastByteMs).toBe(96);
    expect(r.breakdown.transfer).toBe(28);
    expect(r.notes.join(' ')).toMatch(/warm/);
    expect(r.notes.join(' ')).toMatch(/tcp_slow_start_after_idle/);
    // A new connection still pays slow start for the same response.
    expect(simulateHandshake('tcp-new', input).breakdown.transfer).toBe(28 + 2 * 56);
  });

  it('TLS 1.3 over TCP Fast Open: the ClientHello rides in the SYN, one round trip before the request (RFC 7413 §3)', () => {
    const tfo = simulateHandshake('tls13-tfo', { rttMs: 56, ...LATENCY_ONLY });
    const full = simulateHandshake('tls13-full', { rttMs: 56, ...LATENCY_ONLY });
    expect(names(tfo)).toEqual([
      'SYN',
      'ClientHello',
      'SYN-ACK',
      'ServerHello',
      'EncryptedExtensions',
      'Certificate',
      'CertificateVerify',
      'Finished',
      'ACK',
      'Finished',
      'HTTP request',
      'NewSessionTicket',
      'HTTP response',
    ]);
    expect(tfo.setupRoundTrips).toBe(1);
    expect(full.setupRoundTrips - tfo.setupRoundTrips).toBe(1);
    expect(tfo.ttfbMs).toBe(full.ttfbMs - 56);
    expect(tfo.messages.find((m) => m.name === 'ClientHello')?.early).toBe(true);
    const notes = tfo.notes.join(' ');
    expect(notes).toMatch(/cookie/);
    expect(notes).toMatch(/idempotent \(RFC 7413 §6\.1\)/);
    expect(notes).toMatch(/Middleboxes/);
    expect(SCENARIOS['tls13-tfo'].repeatVisit).toBe(true);
  });

  it('initcwnd 4 instead of 10 costs a 30 KB response one more round trip', () => {
    // IW10: 14 600 + 29 200 ≥ 30 000 (2 rounds). IW4: 5840 + 11 680 + 23 360 (3 rounds).
    const input = { rttMs: 56, bandwidthMbps: UNLIMITED, responseBytes: 30_000 };
    const iw10 = simulateHandshake('tls13-full', input);
    const iw4 = simulateHandshake('tls13-full', { ...input, initialWindowSegments: 4 });
    expect(iw4.timeToLastByteMs - iw10.timeToLastByteMs).toBe(56);
    expect(iw4.notes.join(' ')).toMatch(/3 slow-start rounds \(the window starts at 4 packets/);
    expect(iw4.conditions.initialWindowSegments).toBe(4);
  });

  it('a small initial window also makes a big certificate chain cost more round trips', () => {
    const input = { rttMs: 56, ...LATENCY_ONLY, certChainBytes: 6000 };
    // 6326 bytes from a 1460-byte window: 1460 + 2920 + 5840, two extra rounds.
    expect(simulateHandshake('tls13-full', { ...input, initialWindowSegments: 1 }).extraFlightRoundTrips).toBe(2);
    expect(simulateHandshake('tls13-full', input).extraFlightRoundTrips).toBe(0);
  });
});
