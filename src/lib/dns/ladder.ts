/**
 * A resolution as a ladder: the one-line summary of each reply and the actors and steps of the shared sequence
 * diagram (src/lib/diagram). The playground's island and the DNS guide's static figure both draw this, so the
 * guide's walk is the model's walk.
 */
import type { SequenceActor, SequenceStep } from '../diagram/sequence.ts';
import { formatDuration } from '../format/index.ts';
import { typeName } from './constants.ts';
import type { Internet, ServerTier } from './internet.ts';
import { formatRData } from './present.ts';
import type { Hop, Resolution } from './resolver.ts';

/** One line for a reply: "referral to com.", "answer: 192.0.2.10", "no reply (timeout)". */
export function hopSummary(h: Hop): string {
  const r = h.response;
  if (r === undefined) return 'no reply (timeout)';
  switch (h.outcome) {
    case 'referral': {
      const ns = r.authorities.find((a) => a.type === 2);
      return `referral to ${ns?.name ?? '?'}`;
    }
    case 'answer':
      return `answer: ${r.answers
        .map((a) => formatRData(a.data))
        .slice(0, 3)
        .join(', ')}${r.answers.length > 3 ? ', …' : ''}`;
    case 'cname': {
      const c = r.answers.find((a) => a.type === 5);
      return `CNAME → ${c === undefined ? '?' : formatRData(c.data)}`;
    }
    case 'nxdomain':
      return 'NXDOMAIN: no such name';
    case 'nodata':
      return 'NODATA: name exists, no record of this type';
    case 'truncated':
      return 'truncated (TC): retry over TCP';
    case 'refused':
      return 'REFUSED';
    default:
      return 'SERVFAIL';
  }
}

/** "www.example.com. A" for a hop's question. */
export function hopQuestion(h: Hop): string {
  const q = h.query.questions[0];
  return `${q?.name ?? ''} ${typeName(q?.type ?? 0)}`;
}

const TIER_ACTOR: Record<ServerTier, string> = { root: 'root', tld: 'tld', domain: 'auth' };

/** The tier of the server at `address` (a server the internet does not list counts as a domain's server). */
export function tierOf(internet: Internet, address: string): ServerTier {
  return internet.servers.find((s) => s.address === address)?.tier ?? 'domain';
}

/** The ladder of a resolution: one column per tier the resolver asked, two arrows per reply, a note per timeout. */
export function resolutionLadder(
  result: Resolution,
  internet: Internet,
): { readonly actors: readonly SequenceActor[]; readonly steps: readonly SequenceStep[] } {
  const actors: SequenceActor[] = [
    { id: 'stub', label: 'Stub', sublabel: 'your device' },
    { id: 'resolver', label: 'Resolver', sublabel: 'recursive, cache' },
  ];
  const tiers = new Set(result.hops.filter((h) => h.from === 'resolver').map((h) => tierOf(internet, h.address)));
  if (tiers.has('root')) actors.push({ id: 'root', label: 'Root', sublabel: 'a.root-servers.net' });
  if (tiers.has('tld')) actors.push({ id: 'tld', label: 'TLD', sublabel: 'com, net, org, arpa' });
  if (tiers.has('domain')) actors.push({ id: 'auth', label: 'Authoritative', sublabel: 'the domain’s servers' });
  const steps: SequenceStep[] = [];
  for (const h of result.hops) {
    const from = h.from === 'stub' ? 'stub' : 'resolver';
    const to = h.from === 'stub' ? 'resolver' : TIER_ACTOR[tierOf(internet, h.address)];
    const mid = (h.sendMs + h.receiveMs) / 2;
    const label = `${hopQuestion(h)}${h.transport === 'udp' ? '' : ` (${h.transport.toUpperCase()})`}`;
    if (h.response === undefined) {
      steps.push({
        kind: 'message',
        from,
        to,
        label,
        detail: `${h.to}: no reply`,
        sendAt: h.sendMs,
        receiveAt: mid,
        dashed: true,
      });
      steps.push({
        kind: 'note',
        over: [from],
        text: `timeout ${formatDuration(h.receiveMs - h.sendMs)}`,
        at: h.receiveMs,
      });
    } else {
      const query: SequenceStep = { kind: 'message', from, to, label, sendAt: h.sendMs, receiveAt: mid };
      steps.push(h.from === 'stub' ? query : { ...query, detail: h.to });
      steps.push({
        kind: 'message',
        from: to,
        to: from,
        label: hopSummary(h),
        sendAt: mid,
        receiveAt: h.receiveMs,
        dashed: h.outcome === 'referral',
      });
    }
  }
  return { actors, steps };
}
