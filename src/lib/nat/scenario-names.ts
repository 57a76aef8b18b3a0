/**
 * The scenarios' ids and titles: all a menu of scenarios needs, in a module of its own so a page can list them
 * without downloading the scenarios and the model they run on (scenarios.ts).
 */

export const SCENARIO_IDS = ['browse', 'game-server', 'game-server-cgnat', 'hole-punch', 'hairpin'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Each scenario's title (a table of its own: a menu of scenarios needs only these). */
export const SCENARIO_TITLES: Readonly<Record<ScenarioId, string>> = {
  browse: 'Browse the web',
  'game-server': 'Host a game server',
  'game-server-cgnat': 'The same, behind carrier-grade NAT',
  'hole-punch': 'Two peers punch a hole',
  hairpin: 'Reach your own server by its public address',
};
