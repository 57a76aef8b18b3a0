/**
 * The built-in internet: a root zone, the com/net/org/arpa TLDs, in-addr.arpa and a handful of example domains,
 * as zone-file text (the same text the integration test hands to Knot DNS), plus the name servers that serve
 * them. Each example exercises one thing a resolver must handle:
 * - glue: example.com's name servers live inside example.com (com carries their addresses);
 * - out-of-bailiwick NS: example.org is served by ns1.example.net, whose address must be looked up first;
 * - CNAME chains: shop.example.com → www (same zone); blog.example.org → cdn.example.com → example-com.cdn-provider.net
 *   → edge.cdn-provider.net (a CDN in another TLD); dangling.example.com → a name that does not exist;
 * - NXDOMAIN and NODATA (mail.example.com has no AAAA), a wildcard (*.wild.example.com);
 * - a lame delegation: broken.example.com lists ns1.broken.example.com, which never answers;
 * - a PTR zone (2.0.192.in-addr.arpa) reached through empty non-terminals (192.in-addr.arpa, 0.192.in-addr.arpa);
 * - TTLs from 20 s (a CDN edge) to 6 days (the root's NS), negative TTLs from 5 s (example.org) to 1 day;
 * - a TXT record too big for a 1232-octet UDP answer (big.example.com), for the truncation → TCP path.
 * Addresses are from the documentation ranges (RFC 5737, RFC 3849) except the root, gTLD, org and in-addr.arpa
 * servers, which keep their real addresses so the picture matches `dig +trace`.
 */
import { canonicalName } from './name.ts';
import type { ResourceRecord } from './types.ts';
import { parseZoneFile } from './zone-file.ts';

/** Which tier a server belongs to, for the default RTTs the user can change. */
export type ServerTier = 'root' | 'tld' | 'domain';

/** A name server: its name, address, the zones it serves and whether it answers at all. */
export interface NameServer {
  readonly name: string;
  readonly address: string;
  readonly zones: readonly string[];
  readonly tier: ServerTier;
  /** A server that never answers (the lame half of a delegation). */
  readonly down?: boolean;
}

/** One zone: apex, source text and parsed records. */
export interface Zone {
  readonly origin: string;
  readonly text: string;
  readonly records: readonly ResourceRecord[];
}

/** The whole built-in internet. */
export interface Internet {
  readonly zones: readonly Zone[];
  readonly servers: readonly NameServer[];
  /** Root hints: the root servers' addresses the resolver starts from (unbound's root.hints). */
  readonly rootHints: readonly { readonly name: string; readonly address: string }[];
}

const BIG_TXT = Array.from(
  { length: 8 },
  (_, i) => `"${String(i).repeat(8)} ${'lorem ipsum dolor sit amet '.repeat(7).trim()}"`,
).join(' ');

/** Zone-file text per zone apex. */
export const ZONE_TEXT: Readonly<Record<string, string>> = {
  '.': `$TTL 86400
@                   86400  SOA a.root-servers.net. nstld.verisign-grs.com. 2026112600 1800 900 604800 86400
@                   518400 NS  a.root-servers.net.
com.                172800 NS  a.gtld-servers.net.
net.                172800 NS  a.gtld-servers.net.
org.                172800 NS  a0.nic.org.
arpa.               172800 NS  a.root-servers.net.
a.root-servers.net. 518400 A   198.41.0.4
a.gtld-servers.net. 172800 A   192.5.6.30
a0.nic.org.         172800 A   199.19.56.1
`,
  'com.': `$ORIGIN com.
$TTL 172800
@                 900 SOA a.gtld-servers.net. nstld.verisign-grs.com. 1764115200 1800 900 604800 86400
@                     NS  a.gtld-servers.net.
example           NS  ns1.example.com.
example           NS  ns2.example.com.
ns1.example       A   192.0.2.1
ns2.example       A   192.0.2.2
`,
  'net.': `$ORIGIN net.
$TTL 172800
@                   900 SOA a.gtld-servers.net. nstld.verisign-grs.com. 1764115200 1800 900 604800 86400
@                       NS  a.gtld-servers.net.
a.gtld-servers      A   192.5.6.30
a.root-servers      518400 A 198.41.0.4
example             NS  ns1.example.net.
ns1.example         A   198.51.100.53
cdn-provider        NS  ns1.cdn-provider.net.
ns1.cdn-provider    A   198.51.100.153
`,
  'org.': `$ORIGIN org.
$TTL 86400
@           3600 SOA a0.nic.org. hostmaster.nic.org. 2026112600 7200 900 1209600 3600
@                NS  a0.nic.org.
a0.nic           A   199.19.56.1
example          NS  ns1.example.net.
`,
  'arpa.': `$ORIGIN arpa.
$TTL 172800
@                     86400 SOA a.root-servers.net. nstld.verisign-grs.com. 2026112600 1800 900 604800 86400
@                     NS  a.root-servers.net.
in-addr               NS  a.in-addr-servers.arpa.
a.in-addr-servers     A   199.180.182.53
`,
  'in-addr.arpa.': `$ORIGIN in-addr.arpa.
$TTL 172800
@           3600 SOA a.in-addr-servers.arpa. nstld.iana.org. 2026112600 1800 900 604800 3600
@                NS  a.in-addr-servers.arpa.
2.0.192     86400 NS ns1.example.net.
`,
  '2.0.192.in-addr.arpa.': `$ORIGIN 2.0.192.in-addr.arpa.
$TTL 86400
@    3600 SOA ns1.example.net. hostmaster.example.net. 2026112601 3600 900 604800 300
@         NS  ns1.example.net.
1         PTR ns1.example.com.
2         PTR ns2.example.com.
10        PTR www.example.com.
`,
  'example.com.': `$ORIGIN example.com.
$TTL 3600
@            SOA   ns1.example.com. hostmaster.example.com. 2026112601 7200 900 1209600 60
@            NS    ns1
@            NS    ns2
@            A     192.0.2.10
@            MX    10 mail
@            TXT   "v=spf1 mx -all"
@            CAA   0 issue "letsencrypt.org"
ns1          A     192.0.2.1
ns2          A     192.0.2.2
www   300    A     192.0.2.10
www   300    AAAA  2001:db8::10
www   300    HTTPS 1 . alpn="h2,h3"
mail         A     192.0.2.25
shop         CNAME www
cdn   600    CNAME example-com.cdn-provider.net.
dangling     CNAME gone.example.net.
_sip._tcp    SRV   10 60 5060 sip
sip          A     192.0.2.30
*.wild       A     192.0.2.99
big          TXT   ${BIG_TXT}
broken       NS    ns1.broken
broken       NS    ns2.broken
ns1.broken   A     192.0.2.53
ns2.broken   A     192.0.2.54
`,
  'broken.example.com.': `$ORIGIN broken.example.com.
$TTL 3600
@      SOA  ns2.broken.example.com. hostmaster.example.com. 2026112601 3600 900 604800 60
@      NS   ns1
@      NS   ns2
ns1    A    192.0.2.53
ns2    A    192.0.2.54
www    A    192.0.2.80
`,
  'example.net.': `$ORIGIN example.net.
$TTL 3600
@      SOA  ns1.example.net. hostmaster.example.net. 2026112601 3600 900 604800 300
@      NS   ns1
ns1    A    198.51.100.53
www    A    198.51.100.80
`,
  'example.org.': `$ORIGIN example.org.
$TTL 3600
@      SOA   ns1.example.net. hostmaster.example.org. 2026112601 3600 900 604800 5
@      NS    ns1.example.net.
www    120   A     198.51.100.80
alias        CNAME www.example.com.
blog         CNAME cdn.example.com.
`,
  'cdn-provider.net.': `$ORIGIN cdn-provider.net.
$TTL 3600
@             SOA    ns1.cdn-provider.net. ops.cdn-provider.net. 2026112601 3600 900 604800 30
@             NS     ns1
ns1           A      198.51.100.153
example-com   300    CNAME edge
edge          20     A     198.51.100.7
edge          20     AAAA  2001:db8:cd::7
`,
};

/** The name servers and what they serve. */
export const NAME_SERVERS: readonly NameServer[] = [
  { name: 'a.root-servers.net.', address: '198.41.0.4', zones: ['.', 'arpa.'], tier: 'root' },
  { name: 'a.gtld-servers.net.', address: '192.5.6.30', zones: ['com.', 'net.'], tier: 'tld' },
  { name: 'a0.nic.org.', address: '199.19.56.1', zones: ['org.'], tier: 'tld' },
  { name: 'a.in-addr-servers.arpa.', address: '199.180.182.53', zones: ['in-addr.arpa.'], tier: 'tld' },
  { name: 'ns1.example.com.', address: '192.0.2.1', zones: ['example.com.'], tier: 'domain' },
  { name: 'ns2.example.com.', address: '192.0.2.2', zones: ['example.com.'], tier: 'domain' },
  {
    name: 'ns1.example.net.',
    address: '198.51.100.53',
    zones: ['example.net.', 'example.org.', '2.0.192.in-addr.arpa.'],
    tier: 'domain',
  },
  { name: 'ns1.cdn-provider.net.', address: '198.51.100.153', zones: ['cdn-provider.net.'], tier: 'domain' },
  { name: 'ns1.broken.example.com.', address: '192.0.2.53', zones: [], tier: 'domain', down: true },
  { name: 'ns2.broken.example.com.', address: '192.0.2.54', zones: ['broken.example.com.'], tier: 'domain' },
];

/** Why building an internet failed (a zone text with an error, with the zone named). */
export interface InternetError {
  readonly code: 'zone';
  readonly zone: string;
  readonly message: string;
}

/**
 * Builds an internet from zone texts and servers. `overrides` replaces zone texts (the playground's editable
 * zone); `mapAddress` renames server addresses everywhere (the integration test maps them onto 127.x.y.z).
 */
export function buildInternet(
  overrides: Readonly<Record<string, string>> = {},
  mapAddress: (address: string) => string = (a) => a,
): { readonly ok: true; readonly value: Internet } | { readonly ok: false; readonly error: InternetError } {
  const serverAddresses = new Set(NAME_SERVERS.map((s) => s.address));
  const zones: Zone[] = [];
  for (const [origin, base] of Object.entries(ZONE_TEXT)) {
    const text = overrides[origin] ?? base;
    const parsed = parseZoneFile(text, origin);
    if (!parsed.ok)
      return { ok: false, error: { code: 'zone', zone: origin, message: `Zone ${origin}: ${parsed.error.message}` } };
    const records = parsed.value.map((r) =>
      r.data.kind === 'A' && serverAddresses.has(r.data.address)
        ? { ...r, data: { kind: 'A' as const, address: mapAddress(r.data.address) } }
        : r,
    );
    zones.push({ origin: canonicalName(origin) ?? origin, text, records });
  }
  const servers = NAME_SERVERS.map((s) => ({ ...s, address: mapAddress(s.address) }));
  const roots = servers.filter((s) => s.zones.includes('.'));
  return { ok: true, value: { zones, servers, rootHints: roots.map((s) => ({ name: s.name, address: s.address })) } };
}

let cached: Internet | undefined;

/** The built-in internet, unmodified (parsed once). */
export function builtInInternet(): Internet {
  if (cached !== undefined) return cached;
  const built = buildInternet();
  if (!built.ok) throw new Error(`The built-in zones do not parse: ${built.error.message}`);
  cached = built.value;
  return cached;
}
