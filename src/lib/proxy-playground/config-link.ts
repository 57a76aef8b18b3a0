/**
 * The config in a shareable link: deflate-raw (CompressionStream, in browsers and Node ≥ 18) then base64url. A link
 * holds at most MAX_LINK_CONFIG characters of encoded config; a longer config is refused with a message that says
 * so, and the page offers a file download and upload instead.
 */

/** Longest encoded config put in a link (characters): keeps the whole URL under ~8 KB, safe for every browser. */
export const MAX_LINK_CONFIG = 6000;

export type LinkError =
  | { readonly code: 'too-long'; readonly message: string }
  | { readonly code: 'bad-link'; readonly message: string };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array | null> {
  // A copy typed Uint8Array<ArrayBuffer>, which Blob accepts in every lib (DOM and Node) without a cast.
  const out = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream);
  const reader = out.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Bounded: stops reading once `limit` bytes have come out (a zip bomb in a link costs nothing).
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    joined.set(c, at);
    at += c.length;
  }
  return joined;
}

/** Encodes a config for the `cfg` link parameter, or says it is too long for a link. */
export async function encodeConfig(
  config: string,
): Promise<{ ok: true; value: string } | { ok: false; error: LinkError }> {
  const packed = await pipe(new TextEncoder().encode(config), new CompressionStream('deflate-raw'), 1_000_000);
  const text = packed === null ? '' : toBase64Url(packed);
  if (packed === null || text.length > MAX_LINK_CONFIG) {
    return {
      ok: false,
      error: {
        code: 'too-long',
        message: `This config is too long for a link (${text.length || 'over 1,000,000'} characters compressed; a link holds ${MAX_LINK_CONFIG}). Download it as a file to share it.`,
      },
    };
  }
  return { ok: true, value: text };
}

/** Decodes a `cfg` link parameter (bounded: at most 64 KB of config comes out). */
export async function decodeConfig(
  param: string,
): Promise<{ ok: true; value: string } | { ok: false; error: LinkError }> {
  const bad = (why: string) => ({
    ok: false as const,
    error: { code: 'bad-link' as const, message: `The config in this link ${why}; showing the preset instead.` },
  });
  if (param.length > MAX_LINK_CONFIG * 2) return bad('is longer than any link this page makes');
  const bytes = fromBase64Url(param);
  if (bytes === null) return bad('is not valid base64url');
  try {
    const raw = await pipe(bytes, new DecompressionStream('deflate-raw'), 65_536);
    if (raw === null) return bad('unpacks to more than 64 KB');
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(raw) };
  } catch {
    return bad('is damaged (it does not decompress)');
  }
}
