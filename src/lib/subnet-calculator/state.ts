/**
 * The subnet calculator's state: which mode is shown and the raw text of every input, per mode.
 *
 * Shape: `{ mode, details: { network }, split: { network, by, newPrefix, count, page }, vlsm: { network,
 * requirements: [{ name, hosts }], pointToPoint }, summarise: { networks, range }, compare: { a, b } }`.
 *
 * Inputs are kept as the strings the user typed (not parsed values) so that a shared link restores the page exactly,
 * invalid input included. The whole state round-trips through a URL query string (`url-state.ts`, a separate module
 * so that islands which do not mirror the URL never download the codec).
 */

/** Rows per page of the split table: enough to scan, few enough that the DOM stays small. */
export const PAGE_SIZE = 256;

/** The 1-based page holding the 1-based item number `itemNumber` (here, not in paging.ts: see there). */
export function pageOfItem(itemNumber: bigint, pageSize: number = PAGE_SIZE): bigint {
  if (itemNumber < 1n) return 1n;
  return (itemNumber - 1n) / BigInt(pageSize) + 1n;
}

/** The calculator's modes, in tab order. */
export const MODES = ['details', 'split', 'vlsm', 'summarise', 'compare'] as const;

/** One of {@link MODES}. */
export type Mode = (typeof MODES)[number];

/** Tab labels, in {@link MODES} order. */
export const MODE_LABELS: Record<Mode, string> = {
  details: 'Details',
  split: 'Split',
  vlsm: 'VLSM plan',
  summarise: 'Summarise',
  compare: 'Contains / overlap',
};

/** How a split is specified: by the new prefix length or by a number of equal parts. */
export const SPLIT_BY = ['prefix', 'count'] as const;

/** One of {@link SPLIT_BY}. */
export type SplitBy = (typeof SPLIT_BY)[number];

/** One named host requirement row of a VLSM plan, as typed. */
export interface RequirementInput {
  readonly name: string;
  readonly hosts: string;
}

/** Everything the calculator needs to render; every input is raw text. */
export interface CalculatorState {
  readonly mode: Mode;
  readonly details: { readonly network: string };
  readonly split: {
    readonly network: string;
    readonly by: SplitBy;
    readonly newPrefix: string;
    readonly count: string;
    /** 1-based page number as decimal text (IPv6 splits can have more pages than a double holds exactly). */
    readonly page: string;
    /** 1-based number of the subnet to highlight ("go to subnet #"), as decimal text; '' for none. */
    readonly highlight: string;
  };
  readonly vlsm: {
    readonly network: string;
    readonly requirements: readonly RequirementInput[];
    readonly pointToPoint: boolean;
  };
  readonly summarise: { readonly networks: string; readonly range: string };
  readonly compare: { readonly a: string; readonly b: string };
}

/** A partial state, one level deep per mode: what the Astro wrapper's `preset` prop accepts. */
export type CalculatorPreset = {
  readonly mode?: Mode;
  readonly details?: Partial<CalculatorState['details']>;
  readonly split?: Partial<CalculatorState['split']>;
  readonly vlsm?: Partial<CalculatorState['vlsm']>;
  readonly summarise?: Partial<CalculatorState['summarise']>;
  readonly compare?: Partial<CalculatorState['compare']>;
};

/** The state a fresh calculator shows (and the server renders). */
export const DEFAULT_STATE: CalculatorState = {
  mode: 'details',
  details: { network: '192.168.1.0/24' },
  split: { network: '10.0.0.0/16', by: 'prefix', newPrefix: '24', count: '4', page: '1', highlight: '' },
  vlsm: {
    network: '192.168.0.0/23',
    requirements: [
      { name: 'Sales', hosts: '200' },
      { name: 'Engineering', hosts: '100' },
      { name: 'Guest Wi-Fi', hosts: '50' },
      { name: 'Servers', hosts: '20' },
      { name: 'Router link', hosts: '2' },
    ],
    pointToPoint: false,
  },
  summarise: {
    networks: '192.168.0.0/24\n192.168.1.0/24\n192.168.2.0/23\n10.1.0.0/16',
    range: '10.0.0.5 - 10.0.0.20',
  },
  compare: { a: '10.0.0.0/16', b: '10.0.128.0/17' },
};

/** Longest text kept from a URL parameter; longer values are cut (the list textarea gets more room). */
export const MAX_PARAM_LENGTH = 200;
/** Longest text kept for the summarise list. */
export const MAX_LIST_LENGTH = 20_000;
/** Most VLSM requirement rows kept from a URL. */
export const MAX_REQUIREMENTS = 100;
/** Fills a preset's gaps from a base state (default: {@link DEFAULT_STATE}); ignores unknown or mistyped fields. */
export function resolvePreset(preset: CalculatorPreset | undefined, base: CalculatorState = DEFAULT_STATE) {
  if (!preset || typeof preset !== 'object') return base;
  const str = (value: unknown, fallback: string, max = MAX_PARAM_LENGTH) =>
    typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : fallback;
  const d = preset.details ?? {};
  const s = preset.split ?? {};
  const v = preset.vlsm ?? {};
  const m = preset.summarise ?? {};
  const c = preset.compare ?? {};
  // A preset that highlights a subnet opens on that subnet's page unless it names a page itself.
  const highlight = normaliseHighlight(str(s.highlight, base.split.highlight));
  const highlightPage = highlight === '' ? undefined : pageOfItem(BigInt(highlight)).toString();
  const requirements = Array.isArray(v.requirements)
    ? v.requirements.slice(0, MAX_REQUIREMENTS).map((row) => ({
        name: str(row?.name, ''),
        hosts: str(row?.hosts, ''),
      }))
    : base.vlsm.requirements;
  const state: CalculatorState = {
    mode: isMode(preset.mode) ? preset.mode : base.mode,
    details: { network: str(d.network, base.details.network) },
    split: {
      network: str(s.network, base.split.network),
      by: isSplitBy(s.by) ? s.by : base.split.by,
      newPrefix: str(s.newPrefix, base.split.newPrefix),
      count: str(s.count, base.split.count),
      page: normalisePage(str(s.page, highlightPage ?? base.split.page)),
      highlight,
    },
    vlsm: {
      network: str(v.network, base.vlsm.network),
      requirements,
      pointToPoint: typeof v.pointToPoint === 'boolean' ? v.pointToPoint : base.vlsm.pointToPoint,
    },
    summarise: {
      networks: str(m.networks, base.summarise.networks, MAX_LIST_LENGTH),
      range: str(m.range, base.summarise.range),
    },
    compare: { a: str(c.a, base.compare.a), b: str(c.b, base.compare.b) },
  };
  return state;
}

/** Type guard for {@link Mode}. */
export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

/** Type guard for {@link SplitBy}. */
export function isSplitBy(value: unknown): value is SplitBy {
  return typeof value === 'string' && (SPLIT_BY as readonly string[]).includes(value);
}

/** A page parameter is a positive decimal integer; anything else reads as page 1. */
export function normalisePage(value: string): string {
  const trimmed = value.trim();
  if (!/^\d{1,40}$/.test(trimmed)) return '1';
  const page = BigInt(trimmed);
  return page < 1n ? '1' : page.toString();
}

/** A highlight is a positive decimal integer or '' (none). */
export function normaliseHighlight(value: string): string {
  const trimmed = value.trim();
  if (!/^\d{1,40}$/.test(trimmed)) return '';
  const item = BigInt(trimmed);
  return item < 1n ? '' : item.toString();
}

// A requirement is written `hosts:name`, so the name may contain any character; the (rare) '%' and ':' in the hosts
