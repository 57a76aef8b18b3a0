/**
 * The HTTP timeline's simulation worker: runs all five protocols for one input off the main thread (a 500-resource
 * page with 30 % loss takes seconds). Loaded by `useBackgroundRun` in HttpTimeline.tsx.
 */
import { runTimeline } from '../../lib/http-timeline/run.ts';
import { serveRuns } from '../shared/background-worker.ts';

serveRuns(runTimeline);
