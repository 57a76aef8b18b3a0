import { HTTP_LIMITS } from './constants.ts';
import type { HttpResult, PageInput, ProtocolId, ResourceInput } from './types.ts';

/** Preset page ids. */
export const PRESET_IDS = ['blog-post', 'image-gallery', 'js-app'] as const;

/** One of `PRESET_IDS`. */
export type PresetId = (typeof PRESET_IDS)[number];

/** A named example page. */
export interface PagePreset {
  readonly title: string;
  readonly summary: string;
  readonly page: PageInput;
}

const tiles: ResourceInput[] = Array.from({ length: 100 }, (_, i) => ({
  name: `tile-${String(i + 1).padStart(3, '0')}.jpg`,
  bytes: 6000,
  type: 'image' as const,
}));

const chunks: ResourceInput[] = Array.from({ length: 12 }, (_, i) => ({
  name: `chunk-${i + 1}.js`,
  bytes: 18_000,
  type: 'js' as const,
  dependsOn: 2,
}));

/** Example pages; sizes are typical compressed transfer sizes (illustrative, not measured from one site). */
export const PRESETS: Readonly<Record<PresetId, PagePreset>> = {
  'blog-post': {
    title: 'Small blog post',
    summary: 'HTML, one stylesheet with a web font, a script and three images: 8 requests, about 290 KB.',
    page: {
      html: { name: 'post.html', bytes: 24_000 },
      resources: [
        { name: 'style.css', bytes: 14_000, type: 'css' },
        { name: 'text.woff2', bytes: 28_000, type: 'font', dependsOn: 0 },
        { name: 'app.js', bytes: 22_000, type: 'js' },
        { name: 'hero.jpg', bytes: 110_000, type: 'image' },
        { name: 'figure-1.png', bytes: 55_000, type: 'image' },
        { name: 'figure-2.png', bytes: 38_000, type: 'image' },
        { name: 'favicon.ico', bytes: 2000, type: 'image' },
      ],
    },
  },
  'image-gallery': {
    title: 'Image gallery (100 tiles)',
    summary: 'A small HTML page, a stylesheet and 100 thumbnail tiles of 6 KB: many small requests.',
    page: {
      html: { name: 'gallery.html', bytes: 12_000 },
      resources: [{ name: 'gallery.css', bytes: 6000, type: 'css' }, ...tiles],
    },
  },
  'js-app': {
    title: 'JavaScript-heavy app',
    summary: 'A tiny HTML shell, large bundles, code-split chunks found by the app bundle, fonts found by the CSS.',
    page: {
      html: { name: 'app.html', bytes: 4000 },
      resources: [
        { name: 'main.css', bytes: 60_000, type: 'css' },
        { name: 'vendor.js', bytes: 420_000, type: 'js' },
        { name: 'app.js', bytes: 240_000, type: 'js' },
        { name: 'inter.woff2', bytes: 48_000, type: 'font', dependsOn: 0 },
        { name: 'inter-bold.woff2', bytes: 50_000, type: 'font', dependsOn: 0 },
        ...chunks,
        { name: 'logo.svg', bytes: 4000, type: 'image' },
      ],
    },
  },
};

/** True for a preset id. */
export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && (PRESET_IDS as readonly string[]).includes(value);
}

/** A preset page by id, or a typed error quoting the unknown id. */
export function presetPage(id: string): HttpResult<PageInput> {
  if (isPresetId(id)) return { ok: true, value: PRESETS[id].page };
  return {
    ok: false,
    error: {
      code: 'unknown-preset',
      field: 'preset',
      message: `Unknown preset '${id}': use ${PRESET_IDS.join(', ')}.`,
    },
  };
}

/** A custom page: an HTML document of `htmlBytes` and `count` resources of `bytes` each (validated later). */
export function uniformPage(count: number, bytes: number, htmlBytes = 10_000): PageInput {
  const n = Number.isInteger(count) && count >= 0 ? Math.min(count, HTTP_LIMITS.maxResources + 1) : 0;
  return {
    html: { name: 'index.html', bytes: htmlBytes },
    resources: Array.from({ length: n }, (_, i) => ({ name: `resource-${i + 1}`, bytes, type: 'other' as const })),
  };
}

/** How each protocol variant behaves, for labels and explanations. */
export interface ProtocolInfo {
  readonly label: string;
  readonly short: string;
  readonly summary: string;
  readonly source: string;
}

/** Labels and one-line descriptions of the five variants. */
export const PROTOCOLS: Readonly<Record<ProtocolId, ProtocolInfo>> = {
  'http1.0': {
    label: 'HTTP/1.0',
    short: '1.0',
    summary: 'A new TCP (and TLS) connection for every request; at most six at a time.',
    source: 'RFC 1945',
  },
  'http1.1': {
    label: 'HTTP/1.1 keep-alive',
    short: '1.1',
    summary: 'Six persistent connections; each carries one request at a time, the rest queue.',
    source: 'RFC 9112 §9.3',
  },
  'http1.1-pipelined': {
    label: 'HTTP/1.1 pipelining',
    short: '1.1 pipe',
    summary: 'Requests sent back to back on six connections; responses must come back in order.',
    source: 'RFC 9112 §9.3.2',
  },
  h2: {
    label: 'HTTP/2',
    short: '2',
    summary: 'One TCP connection, interleaved streams sharing one window; a lost packet stalls every stream.',
    source: 'RFC 9113',
  },
  h3: {
    label: 'HTTP/3',
    short: '3',
    summary: 'One QUIC connection, 1-RTT setup; a lost packet stalls only its own stream.',
    source: 'RFC 9114, RFC 9000',
  },
};
