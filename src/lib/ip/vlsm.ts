import { bigIntToAddress, maxPrefix } from './address.ts';
import { intervalToNetworks } from './collapse.ts';
import { ipError, ok, quoteInput } from './errors.ts';
import { formatNetwork, networkFirst, networkLast, usableRange } from './network.ts';
import type { IpNetwork, IpResult, VlsmAllocation, VlsmOptions, VlsmPlan, VlsmRequirement } from './types.ts';

/** Host bits a requirement needs: IPv4 reserves network + broadcast, IPv6 the Subnet-Router anycast address. */
function hostBitsFor(version: 4 | 6, hosts: number, pointToPoint: boolean): number {
  if (pointToPoint && hosts <= 2) return 1;
  const needed = BigInt(hosts) + (version === 4 ? 2n : 1n);
  return (needed - 1n).toString(2).length;
}

const fmt = (n: bigint): string => n.toLocaleString('en-US');

/**
 * Variable-length subnet plan: each named requirement gets the smallest block with enough usable hosts, allocated
 * largest-first (ties keep input order) from the start of `parent`; the rest is returned as a minimal CIDR list.
 */
export function planVlsm(
  parent: IpNetwork,
  requirements: readonly VlsmRequirement[],
  options: VlsmOptions = {},
): IpResult<VlsmPlan> {
  const bits = maxPrefix(parent.version);
  const cidr = formatNetwork(parent);
  if (requirements.length === 0) return ipError('list-empty', 'Add at least one subnet with a name and a host count');
  const sized: { req: VlsmRequirement; index: number; hostBits: number }[] = [];
  for (const [index, req] of requirements.entries()) {
    const label = req.name.trim() === '' ? `Subnet ${index + 1}` : `Subnet ${index + 1} (${quoteInput(req.name, 30)})`;
    if (!Number.isSafeInteger(req.hosts) || req.hosts < 1) {
      return ipError(
        'vlsm-invalid-requirement',
        `${label} asks for ${String(req.hosts)} hosts; enter a whole number of at least 1`,
      );
    }
    sized.push({ req, index, hostBits: hostBitsFor(parent.version, req.hosts, options.pointToPoint === true) });
  }
  sized.sort((a, b) => b.hostBits - a.hostBits || a.index - b.index);
  const needed = sized.reduce((sum, s) => sum + (1n << BigInt(s.hostBits)), 0n);
  const available = networkLast(parent) - networkFirst(parent) + 1n;
  if (needed > available) {
    const suggested = bits - (needed - 1n).toString(2).length;
    return ipError(
      'vlsm-does-not-fit',
      `The plan needs ${fmt(needed)} addresses (${requirements.length} ${requirements.length === 1 ? 'subnet' : 'subnets'}, each rounded up to a power of two) but ${cidr} has ${fmt(available)}; ${suggested >= 0 ? `use a parent of /${suggested} or shorter, or ` : ''}ask for fewer hosts`,
    );
  }
  let cursor = networkFirst(parent);
  const allocations: VlsmAllocation[] = [];
  for (const s of sized) {
    const network: IpNetwork = {
      version: parent.version,
      networkAddress: bigIntToAddress(parent.version, cursor),
      prefixLength: bits - s.hostBits,
    };
    const usable = usableRange(network).count;
    allocations.push({
      name: s.req.name.trim() === '' ? `Subnet ${s.index + 1}` : s.req.name,
      requestedHosts: s.req.hosts,
      network,
      usableHosts: usable,
      waste: usable - BigInt(s.req.hosts),
    });
    cursor += 1n << BigInt(s.hostBits);
  }
  const unused = cursor > networkLast(parent) ? [] : intervalToNetworks(parent.version, cursor, networkLast(parent));
  return ok({
    parent,
    allocations,
    unused,
    unusedAddresses: networkLast(parent) - cursor + 1n,
    allocatedAddresses: needed,
    wastedHosts: allocations.reduce((sum, a) => sum + a.waste, 0n),
  });
}
