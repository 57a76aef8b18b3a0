/**
 * The page-load model's entry points: validate once at the edge (validate.ts, bounds from src/lib/bounds), then
 * run the engine (engine.ts) on input it can always simulate.
 */
import { run } from './engine.ts';
import type { HttpResult, NetworkInput, PageInput, PageLoadResult, ProtocolId } from './types.ts';
import { PROTOCOL_IDS } from './types.ts';
import { isProtocolId, validateNetwork, validatePage } from './validate.ts';

/** What `simulatePageLoad` takes. */
export interface SimulationInput {
  readonly protocol: ProtocolId;
  readonly page: PageInput;
  readonly network?: NetworkInput;
}

/** Simulates one page load; invalid input gives a typed error quoting the value (never throws on user input). */
export function simulatePageLoad(input: SimulationInput): HttpResult<PageLoadResult> {
  if (!isProtocolId(input.protocol)) {
    return {
      ok: false,
      error: {
        code: 'unknown-protocol',
        field: 'protocol',
        message: `Unknown protocol '${String(input.protocol)}': use one of ${PROTOCOL_IDS.join(', ')}.`,
      },
    };
  }
  const network = validateNetwork(input.network);
  if (!network.ok) return network;
  const page = validatePage(input.page);
  if (!page.ok) return page;
  return { ok: true, value: run(input.protocol, page.value, network.value) };
}

/** The same page and network over several protocols (default all five, in history order). */
export function comparePageLoads(
  page: PageInput,
  network: NetworkInput = {},
  protocols: readonly ProtocolId[] = PROTOCOL_IDS,
): HttpResult<PageLoadResult[]> {
  const validNetwork = validateNetwork(network);
  if (!validNetwork.ok) return validNetwork;
  const validPage = validatePage(page);
  if (!validPage.ok) return validPage;
  return { ok: true, value: protocols.map((protocol) => run(protocol, validPage.value, validNetwork.value)) };
}
