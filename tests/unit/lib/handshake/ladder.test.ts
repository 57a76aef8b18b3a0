import { describe, expect, it } from 'vitest';
import { layoutSequence } from '../../../../src/lib/diagram/index.ts';
import { scenarioIds, simulateHandshake, toSequenceDiagram } from '../../../../src/lib/handshake/index.ts';

const LATENCY_ONLY = { rttMs: 100, bandwidthMbps: Number.POSITIVE_INFINITY, responseBytes: 1000 } as const;

describe('toSequenceDiagram', () => {
  it('TLS 1.3 full: one arrow per alike run of a flight, timed in ms', () => {
    const d = toSequenceDiagram(simulateHandshake('tls13-full', LATENCY_ONLY));
    expect(d.timed).toBe(true);
    expect(d.title).toBe('TLS 1.3 full handshake (1-RTT)');
    expect(d.actors.map((a) => a.id)).toEqual(['client', 'server']);
    expect(d.steps).toEqual([
      { kind: 'message', from: 'client', to: 'server', label: 'SYN', sendAt: 0, receiveAt: 50 },
      { kind: 'message', from: 'server', to: 'client', label: 'SYN-ACK', sendAt: 50, receiveAt: 100 },
      {
        kind: 'message',
        from: 'client',
        to: 'server',
        label: 'ACK\nClientHello + key_share',
        sendAt: 100,
        receiveAt: 150,
      },
      {
        kind: 'message',
        from: 'server',
        to: 'client',
        // RFC 8446 §2 notation inside a mixed flight: {…} is encrypted.
        label: 'ServerHello + key_share\n{EncryptedExtensions}\n{Certificate}\n{CertificateVerify}\n{Finished}',
        detail: '{ } encrypted',
        sendAt: 150,
        receiveAt: 200,
      },
      { kind: 'divider', text: 'Request sent after 2 RTT', at: 200 },
      {
        kind: 'message',
        from: 'client',
        to: 'server',
        label: 'Finished\nHTTP GET /',
        encrypted: true,
        sendAt: 200,
        receiveAt: 250,
      },
      {
        kind: 'message',
        from: 'server',
        to: 'client',
        label: 'NewSessionTicket*\nHTTP 200 OK',
        detail: '* optional',
        encrypted: true,
        sendAt: 250,
        receiveAt: 300,
      },
    ]);
    expect(d.caption).toBe(
      'TLS 1.3 full handshake (1-RTT) at a 100 ms round trip: the request can be sent after 2 RTT; the first response byte arrives at 300 ms.',
    );
  });

  it('0-RTT: early arrows and a "0 RTT" divider', () => {
    const d = toSequenceDiagram(simulateHandshake('quic-0rtt', LATENCY_ONLY));
    expect(d.steps[0]).toEqual({ kind: 'divider', text: 'Request sent at once (0 RTT)', at: 0 });
    expect(d.steps[1]).toMatchObject({
      label: 'Initial: ClientHello + pre_shared_key\n(HTTP/3 GET /)',
      detail: '( ) early data',
    });
    // TLS 1.3 0-RTT: EndOfEarlyData is marked early inside an arrow that is encrypted as a whole.
    const tls = toSequenceDiagram(simulateHandshake('tls13-0rtt', LATENCY_ONLY));
    expect(tls.steps.find((s) => s.kind === 'message' && s.label.startsWith('(EndOfEarlyData)'))).toMatchObject({
      label: '(EndOfEarlyData)\nFinished',
      encrypted: true,
    });
    expect(d.caption).toMatch(/leaves with the very first packet/);
  });

  it('adds the resolver and a divider when DNS is not cached', () => {
    const d = toSequenceDiagram(
      simulateHandshake('tcp-new', { ...LATENCY_ONLY, dns: { kind: 'uncached', resolverRttMs: 30 } }),
    );
    expect(d.actors.map((a) => a.id)).toEqual(['resolver', 'client', 'server']);
    expect(d.steps.filter((s) => s.kind === 'divider')).toEqual([
      { kind: 'divider', text: 'Address known: connect', at: 30 },
      { kind: 'divider', text: 'Request sent after 1 RTT', at: 130 },
    ]);
  });

  it('keeps arrow styles for uniform flights and details for single messages', () => {
    const d = toSequenceDiagram(simulateHandshake('tls13-0rtt', LATENCY_ONLY));
    expect(d.steps.at(-1)).toMatchObject({ label: 'NewSessionTicket', encrypted: true, dashed: true });
    expect(d.steps.at(-1)).toHaveProperty('detail');
  });

  it('can draw one arrow per message, without dividers, with a custom title and caption', () => {
    const result = simulateHandshake('tls12-full', LATENCY_ONLY);
    const d = toSequenceDiagram(result, { groupFlights: false, dividers: false, title: 'T', caption: 'C' });
    expect(d.steps).toHaveLength(result.messages.length);
    expect(d.steps.every((s) => s.kind === 'message')).toBe(true);
    expect([d.title, d.caption]).toEqual(['T', 'C']);
  });

  it('rounds times to 0.01 ms', () => {
    const d = toSequenceDiagram(simulateHandshake('tls13-full', { rttMs: 33.333333 }));
    for (const s of d.steps) {
      if (s.kind === 'message') expect(Number((s.sendAt ?? 0).toFixed(2))).toBe(s.sendAt);
    }
  });

  it.each(scenarioIds)('%s lays out with the real SequenceDiagram layout', (id) => {
    for (const input of [
      LATENCY_ONLY,
      { rttMs: 80, dns: { kind: 'uncached' as const, resolverRttMs: 20 }, certChainBytes: 20_000 },
    ]) {
      const d = toSequenceDiagram(simulateHandshake(id, input));
      expect(() => layoutSequence({ actors: d.actors, steps: d.steps, timed: d.timed })).not.toThrow();
    }
  });
});
