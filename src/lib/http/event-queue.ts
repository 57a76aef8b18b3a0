/**
 * A binary min-heap of timed events. Ties are broken by insertion order, so the simulation is deterministic.
 * State: three parallel arrays forming one heap ordered by (time, seq) — `times`, `seqs` (push order) and `values` —
 * so a push allocates nothing; `counter` counts pushes.
 */
export class EventQueue<T> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly values: T[] = [];
  private counter = 0;

  /** Number of pending events. */
  get size(): number {
    return this.values.length;
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    return this.times[0] ?? Number.POSITIVE_INFINITY;
  }

  /** Adds `value` to happen at time `t`. */
  push(t: number, value: T): void {
    this.times.push(t);
    this.seqs.push(this.counter++);
    this.values.push(value);
    let i = this.values.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns the earliest event, or undefined when empty. */
  pop(): { t: number; value: T } | undefined {
    const t = this.times[0];
    const value = this.shift();
    return t === undefined || value === undefined ? undefined : { t, value };
  }

  /** Removes and returns the earliest event's value (read its time with `peekTime` first); allocates nothing. */
  shift(): T | undefined {
    const value = this.values[0];
    if (value === undefined) return undefined;
    const lastT = this.times.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    const lastValue = this.values.pop() as T;
    const n = this.values.length;
    if (n > 0) {
      this.times[0] = lastT;
      this.seqs[0] = lastSeq;
      this.values[0] = lastValue;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n && this.less(l, m)) m = l;
        if (r < n && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return value;
  }

  private less(a: number, b: number): boolean {
    const x = this.times[a] as number;
    const y = this.times[b] as number;
    return x < y || (x === y && (this.seqs[a] as number) < (this.seqs[b] as number));
  }

  private swap(a: number, b: number): void {
    const { times, seqs, values } = this;
    const t = times[a] as number;
    times[a] = times[b] as number;
    times[b] = t;
    const s = seqs[a] as number;
    seqs[a] = seqs[b] as number;
    seqs[b] = s;
    const v = values[a] as T;
    values[a] = values[b] as T;
    values[b] = v;
  }
}
