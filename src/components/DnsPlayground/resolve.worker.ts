/**
 * The DNS playground's worker: resolves the lookup and lays out its ladder off the main thread — less for speed (a
 * run takes about a millisecond) than to keep the resolver, the zones and the layout code out of the island's
 * bundle. Loaded by `useBackgroundRun` in DnsPlayground.tsx.
 */
import { runForIsland } from '../../lib/dns-playground/run.ts';
import { serveRuns } from '../shared/background-worker.ts';

serveRuns(runForIsland);
