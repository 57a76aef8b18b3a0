/**
 * DNS decoding, ours vs dns-packet 5 on the same typical recursive-resolver responses (~93 octets: a question, an
 * optional CNAME, 1–3 A records, OPT). Run: npx vitest bench --run bench/dns.bench.ts, or the plain-Node
 * side-by-side with a pass/fail: node bench/dns-compare.ts --check.
 */
import dnsPacket from 'dns-packet';
import { test } from 'vitest';
import { decodeAnnotated, decodeMessage, encodeMessage } from '../src/lib/dns/index.ts';
import { gen, typicalResponse } from '../tests/unit/lib/dns/generate.ts';

const corpus: Buffer[] = [];
for (let seed = 1; seed <= 100; seed++) {
  const e = encodeMessage(typicalResponse(gen(seed)));
  if (!e.ok) throw new Error(e.error.message);
  corpus.push(Buffer.from(e.value));
}

test('decode 100 typical responses', async ({ bench }) => {
  await bench.compare(
    bench('decodeMessage (ours)', () => {
      for (const b of corpus) decodeMessage(b);
    }),
    bench('dns-packet decode', () => {
      for (const b of corpus) dnsPacket.decode(b);
    }),
    bench('decodeAnnotated (ours, with the byte map)', () => {
      for (const b of corpus) decodeAnnotated(b);
    }),
  );
});
