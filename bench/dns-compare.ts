/**
 * DNS decoder throughput, side by side with dns-packet on the same bytes: typical recursive-resolver responses
 * (one question, an optional CNAME, 1–3 A records, an OPT record; ~60–110 octets). Run: node bench/dns-compare.ts
 * [--check] (fails if dns-packet is faster or ours decodes under 1 M responses/s).
 */
import dnsPacket from 'dns-packet';
import { decodeAnnotated, decodeMessage, encodeMessage } from '../src/lib/dns/index.ts';
import { formatCount } from '../src/lib/format/index.ts';
import { gen, typicalResponse } from '../tests/unit/lib/dns/generate.ts';

const corpus: Buffer[] = [];
for (let seed = 1; seed <= 1000; seed++) {
  const e = encodeMessage(typicalResponse(gen(seed)));
  if (!e.ok) throw new Error(e.error.message);
  corpus.push(Buffer.from(e.value));
}
const avgBytes = corpus.reduce((n, b) => n + b.length, 0) / corpus.length;

function rate(decode: (b: Buffer) => unknown): number {
  let sink = 0;
  for (let w = 0; w < 20_000; w++) sink += decode(corpus[w % corpus.length] as Buffer) ? 1 : 0;
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const n = 200_000;
    const start = performance.now();
    for (let i = 0; i < n; i++) sink += decode(corpus[i % corpus.length] as Buffer) ? 1 : 0;
    samples.push(n / ((performance.now() - start) / 1000));
  }
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  return samples[2] as number;
}

const ours = rate((b) => decodeMessage(b));
const theirs = rate((b) => dnsPacket.decode(b));
const annotated = rate((b) => decodeAnnotated(b));
console.log(`typical responses, ${avgBytes.toFixed(0)} octets on average (median of 5 × 200,000 decodes)`);
console.log(`  ours (decodeMessage)     ${formatCount(Math.round(ours))} /s`);
console.log(`  ours (decodeAnnotated)   ${formatCount(Math.round(annotated))} /s`);
console.log(`  dns-packet 5 (decode)    ${formatCount(Math.round(theirs))} /s`);
console.log(`  ratio ours / dns-packet  ${(ours / theirs).toFixed(2)}×`);
if (process.argv.includes('--check') && (ours < theirs || ours < 1_000_000)) {
  console.error('FAIL: the decoder is slower than dns-packet or under 1 M responses/s');
  process.exit(1);
}
