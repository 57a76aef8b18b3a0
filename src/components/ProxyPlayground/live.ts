/** What the island loads after hydration: the model (through the view model) and the live results view. */
export { buildView } from '../../lib/proxy-playground/view.ts';
export { Results } from './Results.tsx';
