/**
 * Types of the NAT model. Vocabulary from RFC 4787 (UDP) and RFC 5382 (TCP): an internal endpoint X:x is given an
 * external endpoint X':x' (a "mapping") when it talks to a remote endpoint Y:y; "filtering" decides which inbound
 * packets reach X:x. Each translated flow is a session shaped like a Linux conntrack entry: an `original` tuple (the
 * first packet as the router saw it) and a `reply` tuple (what an answer looks like arriving at the router), so the
 * model's table can be compared with `conntrack -L` row for row.
 */

/** Transport protocols the model translates. */
export const PROTOCOLS = ['udp', 'tcp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** An IPv4 address (dotted quad) and a port. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** A packet's addressing: protocol, source and destination endpoints. */
export interface Tuple {
  readonly protocol: Protocol;
  readonly src: Endpoint;
  readonly dst: Endpoint;
}

/** TCP control flags the model distinguishes (enough to drive the conntrack state machine). */
export const TCP_FLAGS = ['SYN', 'SYN-ACK', 'ACK', 'FIN', 'RST'] as const;
export type TcpFlag = (typeof TCP_FLAGS)[number];

/** A packet: its tuple and, for TCP, the one flag that matters for state. */
export interface Packet {
  readonly tuple: Tuple;
  readonly flag?: TcpFlag;
}

/** RFC 4787 §4.1 mapping behaviours, and §5 filtering behaviours (same three words). */
export const DEPENDENCIES = ['endpoint-independent', 'address-dependent', 'address-and-port-dependent'] as const;
export type Dependency = (typeof DEPENDENCIES)[number];

/**
 * Whether two internal endpoints may share one external port. `never`: an external port belongs to one mapping
 * (RFC 4787 REQ-1 reading). `distinct-remotes`: Linux conntrack only needs the whole reply tuple to be unique, so
 * 192.168.1.10:5000 and 192.168.1.11:5000 both leave as WAN:5000 while their remote endpoints differ.
 */
export const PORT_SHARING = ['never', 'distinct-remotes'] as const;
export type PortSharing = (typeof PORT_SHARING)[number];

/**
 * How a fresh external port is picked when no mapping can be reused. `preserve`: keep the internal port if free,
 * else search (RFC 4787 §4.2.1 "port preservation"). `random`: always search from a random offset (nftables
 * `masquerade random`/`fully-random`). `sequential`: next free port after the last one handed out.
 */
export const PORT_ASSIGNMENTS = ['preserve', 'random', 'sequential'] as const;
export type PortAssignment = (typeof PORT_ASSIGNMENTS)[number];

/**
 * Hairpinning (RFC 4787 §6, REQ-9): a LAN host reaches a forwarded port on its own router's public address.
 * `off`: the router does not translate it (the packet is for the router itself and is refused).
 * `dnat-only`: destination rewritten but not the source, so the server answers the client directly from its private
 * address and the client discards it (the usual broken home-router case).
 * `lan-source`: destination and source rewritten, the server sees the router's LAN address (the common Linux recipe,
 * `masquerade` on the LAN interface for `ct status dnat`).
 * `external-source`: the server sees the client's external mapping (what REQ-9 asks for).
 */
export const HAIRPIN_MODES = ['off', 'dnat-only', 'lan-source', 'external-source'] as const;
export type HairpinMode = (typeof HAIRPIN_MODES)[number];

/** Idle timeouts, seconds. UDP and TCP states follow Linux conntrack's names so both presets share one shape. */
export interface Timeouts {
  /** UDP flow with no reply yet, or replied but not yet a "stream". */
  readonly udpUnreplied: number;
  /** UDP flow that has seen packets both ways for more than `udpStreamAfter` seconds (conntrack ASSURED). */
  readonly udpStream: number;
  /** Seconds after creation from which a replied UDP flow counts as a stream (Linux: 2). */
  readonly udpStreamAfter: number;
  readonly tcpSynSent: number;
  readonly tcpSynRecv: number;
  readonly tcpEstablished: number;
  readonly tcpFinWait: number;
  readonly tcpCloseWait: number;
  readonly tcpLastAck: number;
  readonly tcpTimeWait: number;
  readonly tcpClose: number;
}

/** A port range, inclusive. */
export interface PortRange {
  readonly min: number;
  readonly max: number;
}

/** Everything that makes one NAT behave the way it does. */
export interface NatBehaviour {
  readonly mapping: Dependency;
  readonly filtering: Dependency;
  readonly portSharing: PortSharing;
  readonly portAssignment: PortAssignment;
  /**
   * Where a searched port comes from. `linux-classes`: 1–511 for ports below 512, 600–1023 for 512–1023, else
   * 1024–65535 (nf_nat_l4proto_unique_tuple with no port range given). A range: that range (`masquerade to :a-b`).
   */
  readonly searchRange: 'linux-classes' | PortRange;
  /** Does an inbound packet on a session restart its timer (RFC 4787 REQ-6 makes outbound refresh a MUST). */
  readonly inboundRefresh: boolean;
  /** Does a refused inbound packet leave a conntrack entry on the router (Linux does: a null binding). */
  readonly tracksRefused: boolean;
  readonly hairpin: HairpinMode;
  readonly timeouts: Timeouts;
}

/** A port-forwarding (DNAT) rule: packets to the external port range go to the internal host. */
export interface ForwardRule {
  readonly protocol: Protocol;
  readonly externalPorts: PortRange;
  readonly internalAddress: string;
  /** First internal port; the range keeps its offset (external min → internalPort). Absent: same port. */
  readonly internalPort?: number;
}

/** Conntrack-like states. UDP uses the first three; TCP the rest. */
export type SessionState =
  | 'UNREPLIED'
  | 'REPLIED'
  | 'ASSURED'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'TIME_WAIT'
  | 'CLOSE';

/** Why a session exists. */
export type SessionKind = 'outbound' | 'forward' | 'hairpin' | 'filter-opened' | 'refused';

/** One row of a NAT's table (one conntrack entry). */
export interface Session {
  readonly id: number;
  readonly kind: SessionKind;
  readonly original: Tuple;
  readonly reply: Tuple;
  readonly state: SessionState;
  /** Simulation seconds. */
  readonly createdAt: number;
  readonly expiresAt: number;
  /** A reply-direction packet has been seen. */
  readonly seenReply: boolean;
  /** TCP: which direction sent the first FIN. */
  readonly finFrom?: 'original' | 'reply';
}

/**
 * A NAT's table at one instant. Sessions are kept oldest first, so in increasing id order (every function here keeps
 * it so; the index in table-index.ts relies on it).
 */
export interface NatTable {
  readonly sessions: readonly Session[];
  readonly nextId: number;
  /** The last few sessions that timed out (newest last, at most 32), so a late packet can be told "expired". */
  readonly expired: readonly Session[];
  /** State of the seeded generator used by the default port search. */
  readonly rng: number;
  /** Next port the `sequential` assignment tries. */
  readonly cursor: number;
}

/**
 * Chooses an external port when a search is needed. `isFree` says whether a candidate is usable; return undefined
 * when nothing is free. The default is Linux's search (random offset, 128 tries, halving); a test can substitute the
 * port the kernel actually chose after checking it against `range` and `isFree`.
 */
export type PortPicker = (request: {
  readonly range: PortRange;
  readonly isFree: (port: number) => boolean;
  readonly internal: Endpoint;
  /** Where the flow goes after any destination rewrite (the reply tuple's source). */
  readonly remote: Endpoint;
}) => number | undefined;

/** Why a packet did not get through. */
export const DROP_REASONS = [
  'no-mapping',
  'filtered',
  'expired',
  'no-free-port',
  'hairpin-unsupported',
  'unexpected-source',
  'no-route',
  'no-listener',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** What a NAT did with one packet. */
export type NatVerdict =
  | {
      readonly action: 'translated';
      readonly before: Tuple;
      readonly after: Tuple;
      readonly session: Session;
      readonly table: 'created' | 'refreshed' | 'matched';
      /** How the external port was chosen, for a created outbound session. */
      readonly portChoice?: PortChoice;
      readonly direction: 'original' | 'reply';
    }
  | {
      readonly action: 'dropped';
      readonly before: Tuple;
      readonly reason: DropReason;
      /** The Linux null-binding entry a refused packet leaves, if the behaviour tracks those. */
      readonly session?: Session;
    };

/** How an outbound session's external port came about. */
export type PortChoice =
  | { readonly how: 'reused'; readonly fromSession: number }
  | { readonly how: 'preserved' }
  | { readonly how: 'searched'; readonly range: PortRange };

/** Typed result, as everywhere in src/lib. */
export type NatResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: NatErrorCode; readonly message: string } };

export const NAT_ERROR_CODES = [
  'bad-address',
  'bad-port',
  'bad-range',
  'unknown-node',
  'duplicate-address',
  'too-many',
  'bad-scenario',
] as const;
export type NatErrorCode = (typeof NAT_ERROR_CODES)[number];
