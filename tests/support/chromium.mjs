// Where the browser tests and Lighthouse find Chromium. Playwright's own browser download does not work on
// these machines, so we drive a system Chromium: CHROMIUM_PATH wins, then the usual Debian/Ubuntu locations.
import { existsSync } from 'node:fs';

/** Candidate executables, in the order they are tried. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Flags that make headless Chromium quiet and offline-safe on CI machines (no sandbox: CI runs as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Path of the Chromium to use, or throw a message that says how to provide one. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to '${fromEnv}', but no file exists there.`);
  }
  const found = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new Error(
    `No Chromium found (looked in ${CHROMIUM_CANDIDATES.join(', ')}). Install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}
