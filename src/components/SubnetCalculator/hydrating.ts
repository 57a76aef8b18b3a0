import { createContext } from 'preact';

/**
 * Whether the calculator is rendering its server HTML or hydrating it (its first render), as opposed to rendering
 * after hydration. A table mounted in that render keeps every row so the markup matches the server's; one mounted
 * later may draw only the rows in view (Table.tsx).
 */
export const Hydrating = createContext(false);
