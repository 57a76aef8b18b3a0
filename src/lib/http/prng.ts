/**
 * mulberry32: a tiny, fast 32-bit seeded PRNG (Tommy Ettinger, public domain). Not cryptographic — it only has
 * to make "which packets are lost" reproducible: the same seed gives the same losses.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A seed per connection, so connection 1 loses the same packets whatever the protocol. */
export function connectionSeed(seed: number, connectionId: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(connectionId, 0x85ebca6b)) >>> 0;
}
