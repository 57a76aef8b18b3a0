import { describe, expect, it } from 'vitest';
import {
  loadsByProtocol,
  loadTimeText,
  timelineGallery,
  timelineLossy,
  WORKED_EXAMPLE,
  workedExample,
  workedExampleWaterfalls,
} from '../../../../src/lib/examples/index.ts';
import { formatDuration } from '../../../../src/lib/format/index.ts';
import { PROTOCOL_IDS, uniformPage } from '../../../../src/lib/http/index.ts';

describe('the HTTP versions guide’s worked example', () => {
  const plain = workedExample('none');
  const secure = workedExample('tls13');

  it('loads 31 requests over every protocol at a 50 ms round trip, whole round trips only', () => {
    for (const loads of [plain, secure]) {
      expect(Object.keys(loads)).toEqual([...PROTOCOL_IDS]);
      for (const id of PROTOCOL_IDS) {
        expect(loads[id].requests).toHaveLength(WORKED_EXAMPLE.assets + 1);
        expect(loads[id].network.rttMs).toBe(WORKED_EXAMPLE.rttMs);
        expect(Number.isInteger(loads[id].totalMs / WORKED_EXAMPLE.rttMs)).toBe(true);
      }
    }
  });

  it('orders the protocols as the guide explains: HTTP/2 beats keep-alive, which beats HTTP/1.0; TLS costs more', () => {
    for (const loads of [plain, secure]) {
      expect(loads.h2.totalMs).toBeLessThan(loads['http1.1'].totalMs);
      expect(loads['http1.1'].totalMs).toBeLessThan(loads['http1.0'].totalMs);
    }
    for (const id of ['http1.0', 'http1.1', 'h2'] as const)
      expect(secure[id].totalMs).toBeGreaterThan(plain[id].totalMs);
    expect(secure.h3.totalMs).toBe(plain.h3.totalMs); // QUIC is always encrypted
  });

  it('prints a table cell as the load time and its round trips', () => {
    const total = secure.h2.totalMs;
    expect(loadTimeText(secure, 'h2')).toBe(`${formatDuration(total)} (${total / 50} RTT)`);
    expect(loadTimeText(plain, 'h2')).toMatch(/^\d+ ms \(\d+ RTT\)$/);
  });

  it('draws HTTP/1.1 and HTTP/2 over TLS 1.3 on one axis, captions computed from the loads', () => {
    const { http11, h2 } = workedExampleWaterfalls();
    expect(http11.result).toEqual(secure['http1.1']);
    expect(h2.result).toEqual(secure.h2);
    expect(http11.axisMs).toBe(Math.max(secure['http1.1'].totalMs, secure.h2.totalMs));
    expect(h2.axisMs).toBe(http11.axisMs);
    expect(h2.title).toBe('HTTP/2 waterfall of the worked example');
    expect(h2.caption).toBe(
      `HTTP/2 over TLS 1.3, 50 ms round trip: one connection, all 30 requests sent at once; the page is loaded at ${formatDuration(secure.h2.totalMs)}.`,
    );
    expect(http11.caption).toContain(`: ${secure['http1.1'].connectionsOpened} connections, each fetching one asset`);
  });
});

describe('the HTTP timeline playground’s examples', () => {
  it('the gallery: HTML, a stylesheet and 100 tiles; HTTP/2 faster than HTTP/1.1 keep-alive', () => {
    const gallery = timelineGallery();
    expect(gallery.h2.requests).toHaveLength(102);
    expect(gallery.h2.totalMs).toBeLessThan(gallery['http1.1'].totalMs);
  });

  it('the lossy large files: deterministic (seeded), packets lost', () => {
    const lossy = timelineLossy();
    expect(timelineLossy().h2.totalMs).toBe(lossy.h2.totalMs);
    expect(lossy.h2.lostPackets).toBeGreaterThan(0);
  });

  it('a model error is a bug in the example: it throws with the model’s error as cause', () => {
    expect(() => loadsByProtocol(uniformPage(1, 1000), { rttMs: -1 })).toThrow(/^worked example: /);
    try {
      loadsByProtocol(uniformPage(1, 1000), { rttMs: -1 });
    } catch (error) {
      expect((error as Error).cause).toMatchObject({ code: expect.any(String) });
    }
  });
});
