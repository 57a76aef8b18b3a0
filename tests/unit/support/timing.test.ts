import { describe, expect, test } from 'vitest';
import { bestTime, PAUSES_MS, pause } from '../../support/timing.ts';

describe('bestTime', () => {
  test('a run within the limit is timed once', () => {
    let runs = 0;
    const time = bestTime(() => ++runs, 1000);
    expect(runs).toBe(1);
    expect(time).toMatchObject({ retimed: 0, value: 1 });
    expect(time.best).toBe(time.first);
  });

  test('a stall on the first run is re-timed away; the first run’s value is kept', () => {
    let runs = 0;
    const time = bestTime(() => {
      runs++;
      if (runs === 1) pause(40);
      return runs;
    }, 20);
    expect(time.value).toBe(1);
    expect(time.retimed).toBe(1);
    expect(time.first).toBeGreaterThan(20);
    expect(time.best).toBeLessThan(20);
  });

  test('a run that is always slow stays over the limit after every re-timing', () => {
    let runs = 0;
    const time = bestTime(() => {
      runs++;
      pause(12);
    }, 5);
    expect(runs).toBe(1 + PAUSES_MS.length);
    expect(time.retimed).toBe(PAUSES_MS.length);
    expect(time.best).toBeGreaterThan(5);
  });
});
