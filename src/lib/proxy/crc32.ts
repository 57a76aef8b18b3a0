/** CRC-32 (IEEE 802.3, as zlib and nginx's ngx_crc32), with the init/update/final split nginx's ketama uses. */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** ngx_crc32_init. */
export const CRC_INIT = 0xffffffff;

/** ngx_crc32_update over a byte string (one char per byte). */
export function crc32Update(crc: number, bytes: string): number {
  let c = crc >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    c = ((TABLE[(c ^ bytes.charCodeAt(i)) & 0xff] as number) ^ (c >>> 8)) >>> 0;
  }
  return c;
}

/** ngx_crc32_final. */
export const crc32Final = (crc: number): number => (crc ^ 0xffffffff) >>> 0;

/** crc32 of a whole byte string (ngx_crc32_long). */
export const crc32 = (bytes: string): number => crc32Final(crc32Update(CRC_INIT, bytes));
