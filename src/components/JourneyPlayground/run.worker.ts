/**
 * The journey playground's worker: both visits of one URL, off the main thread — to keep the DNS, handshake, HTTP
 * and proxy models and the diagram layout out of the island's bundle. Loaded by `useBackgroundRun` in
 * JourneyPlayground.tsx.
 */
import { runJourney } from '../../lib/journey-playground/run.ts';
import { serveRuns } from '../shared/background-worker.ts';

serveRuns(runJourney);
