/**
 * The journey's DNS lookup: the DNS model's resolver (Unbound 1.17's iterator, see src/lib/dns/README.md) over the
 * built-in internet, extended with the typed name when the built-in zones do not cover it: a TLD zone (served by
 * the gTLD server, delegated from the root) and the registrable domain's zone (its own server, glue in the TLD)
 * holding an A record for the host. The integration test hands the same zone texts to Knot DNS.
 */
import {
  buildInternet,
  builtInInternet,
  canonicalName,
  createResolver,
  type Internet,
  NAME_SERVERS,
  type NameServer,
  parseZoneFile,
  type Resolution,
  type StubTransport,
  ZONE_TEXT,
  type Zone,
} from '../dns/index.ts';

/** Where a synthesised domain's name server and site live (documentation ranges, RFC 5737). */
export const SYNTHETIC_ADDRESSES = { nameServer: '203.0.113.53', site: '203.0.113.80' } as const;

/** An internet that can answer for `host`, and whether zones were added for it. */
export interface JourneyInternet {
  readonly internet: Internet;
  /** The zones added (apex → zone-file text), empty when the built-in zones cover the host. */
  readonly added: Readonly<Record<string, string>>;
}

export interface InternetOptions {
  /** Address of the site in a synthesised zone (default SYNTHETIC_ADDRESSES.site). */
  readonly siteAddress?: string;
  /** Renames name-server addresses everywhere, as buildInternet does (the integration test's private addresses). */
  readonly mapAddress?: (address: string) => string;
}

const labelsOf = (name: string): string[] => name.split('.').filter((l) => l !== '');

/**
 * The built-in internet, or one extended so that `host` (canonical, with the trailing dot) has an A record.
 * Undefined when the name cannot be added (a single label, or a zone text that does not parse — a bug).
 */
export function journeyInternet(host: string, options: InternetOptions = {}): JourneyInternet | undefined {
  const plain = options.mapAddress === undefined && options.siteAddress === undefined;
  const memo = plain ? recent.get(host) : undefined;
  if (memo !== undefined) return memo;
  const made = makeInternet(host, options);
  if (plain && made !== undefined) {
    // A small memo: the island re-plans the same host on every keystroke of the other controls.
    if (recent.size >= 16) recent.delete(recent.keys().next().value as string);
    recent.set(host, made);
  }
  return made;
}

/** The last few synthesised internets, by host (built from constant text: the same host gives the same internet). */
const recent = new Map<string, JourneyInternet>();

function makeInternet(host: string, options: InternetOptions): JourneyInternet | undefined {
  const map = options.mapAddress ?? ((a: string) => a);
  const labels = labelsOf(host);
  if (labels.length < 2) return undefined;
  const covered = Object.keys(ZONE_TEXT).some(
    (origin) => labelsOf(origin).length >= 2 && (host === origin || host.endsWith(`.${origin}`)),
  );
  if (covered && options.mapAddress === undefined) return { internet: builtInInternet(), added: {} };
  if (covered) {
    const built = buildInternet({}, map);
    return built.ok ? { internet: built.value, added: {} } : undefined;
  }
  const tld = `${labels[labels.length - 1]}.`;
  const domain = `${labels.slice(-2).join('.')}.`;
  const ns = `ns1.${domain}`;
  const site = options.siteAddress ?? SYNTHETIC_ADDRESSES.site;
  const delegation = `${domain} 172800 NS ${ns}\n${ns} 172800 A ${SYNTHETIC_ADDRESSES.nameServer}\n`;
  const overrides: Record<string, string> = {};
  const added: Record<string, string> = {};
  if (ZONE_TEXT[tld] !== undefined) overrides[tld] = `${ZONE_TEXT[tld]}${delegation}`;
  else {
    overrides['.'] = `${ZONE_TEXT['.']}${tld} 172800 NS a.gtld-servers.net.\n`;
    added[tld] =
      `$ORIGIN ${tld}\n$TTL 172800\n@ 900 SOA a.gtld-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 86400\n@ NS a.gtld-servers.net.\n${delegation}`;
  }
  const hostLine = host === domain ? '' : `${host} 300 A ${site}\n`;
  added[domain] =
    `$ORIGIN ${domain}\n$TTL 3600\n@ SOA ${ns} hostmaster.${domain} 1 3600 900 604800 300\n@ NS ${ns}\n${ns} A ${SYNTHETIC_ADDRESSES.nameServer}\n@ 300 A ${site}\n${hostLine}`;
  const built = buildInternet(overrides, map);
  if (!built.ok) return undefined;
  const serverAddresses = new Set([...NAME_SERVERS.map((s) => s.address), SYNTHETIC_ADDRESSES.nameServer]);
  const zones: Zone[] = [...built.value.zones];
  for (const [origin, text] of Object.entries(added)) {
    const parsed = parseZoneFile(text, origin);
    if (!parsed.ok) return undefined;
    const records = parsed.value.map((r) =>
      r.data.kind === 'A' && serverAddresses.has(r.data.address)
        ? { ...r, data: { kind: 'A' as const, address: map(r.data.address) } }
        : r,
    );
    zones.push({ origin, text, records });
  }
  // Mapped overrides: buildInternet maps only the built-in servers' addresses; the synthetic server's glue too.
  const mapped = zones.map((z) =>
    overrides[z.origin] === undefined
      ? z
      : {
          ...z,
          records: z.records.map((r) =>
            r.data.kind === 'A' && r.data.address === SYNTHETIC_ADDRESSES.nameServer
              ? { ...r, data: { kind: 'A' as const, address: map(r.data.address) } }
              : r,
          ),
        },
  );
  const servers: NameServer[] = built.value.servers.map((s) =>
    s.name === 'a.gtld-servers.net.' && added[tld] !== undefined ? { ...s, zones: [...s.zones, tld] } : s,
  );
  servers.push({ name: ns, address: map(SYNTHETIC_ADDRESSES.nameServer), zones: [domain], tier: 'domain' });
  return { internet: { ...built.value, zones: mapped, servers }, added };
}

export interface DnsStepOptions {
  readonly stubRttMs: number;
  readonly authoritativeRttMs: number;
  readonly transport: StubTransport;
  /** The resolver asked for the same name a moment ago. */
  readonly resolverWarm: boolean;
}

/** The lookup and the address it found, or why there is none. */
export type DnsStep =
  | { readonly ok: true; readonly resolution: Resolution; readonly address: string }
  | { readonly ok: false; readonly resolution: Resolution | null; readonly reason: string };

/** Resolves `host` (A record, like `curl -4`) through the resolver model. */
export function lookUp(internet: Internet, host: string, options: DnsStepOptions): DnsStep {
  const name = canonicalName(host);
  if (name === undefined) return { ok: false, resolution: null, reason: 'it is not a valid domain name' };
  const rtt = options.authoritativeRttMs;
  const resolver = createResolver(internet, {
    rttMs: { root: rtt, tld: rtt, domain: rtt },
    stubRttMs: options.stubRttMs,
    transport: options.transport,
  });
  if (options.resolverWarm) {
    resolver.resolve(name, 1);
    resolver.advance(1);
  }
  const resolution = resolver.resolve(name, 1);
  const answer = resolution.response.answers.filter((r) => r.data.kind === 'A');
  const last = answer[answer.length - 1];
  if (resolution.response.rcode === 3) return { ok: false, resolution, reason: 'the name does not exist (NXDOMAIN)' };
  if (last === undefined || last.data.kind !== 'A')
    return {
      ok: false,
      resolution,
      reason:
        resolution.response.rcode === 0 ? 'the name has no IPv4 address (NODATA)' : 'the lookup failed (SERVFAIL)',
    };
  return { ok: true, resolution, address: last.data.address };
}
