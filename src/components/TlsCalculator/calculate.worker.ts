/**
 * The TLS calculator's worker: every scenario for one input, off the main thread — less for speed (a run takes
 * well under a millisecond) than to keep the handshake simulator out of the island's bundle. Loaded by
 * `useBackgroundRun` in TlsCalculator.tsx.
 */
import { calculate } from '../../lib/tls-calculator/run.ts';
import { serveRuns } from '../shared/background-worker.ts';

serveRuns(calculate);
