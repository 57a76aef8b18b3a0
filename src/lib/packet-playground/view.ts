/**
 * The playground's view model, pure: which field owns each byte (for highlighting both ways) and the hex + ASCII
 * rows. Editing and loading frames is in `edit.ts`, which the island loads after it hydrates. No DOM here.
 */
import type { Decoded, Field } from '../packet/types.ts';

/** Byte range [start, end) a field occupies. */
export function fieldBytes(f: Field): readonly [number, number] {
  return [f.offset, f.offset + Math.ceil((f.bitOffset + f.bitLength) / 8)];
}

/**
 * For each byte, the index of the narrowest field covering it (−1 for none): hovering a byte then names the
 * flag or port, not the whole header. Work is the sum of field widths, bounded by fields × frame length.
 */
export function byteOwners(d: Decoded, length: number): Int32Array {
  const owner = new Int32Array(length).fill(-1);
  const width = new Float64Array(length).fill(Number.POSITIVE_INFINITY);
  d.fields.forEach((f, i) => {
    const [start, end] = fieldBytes(f);
    for (let k = Math.max(0, start); k < Math.min(end, length); k++) {
      if (f.bitLength < (width[k] ?? 0)) {
        width[k] = f.bitLength;
        owner[k] = i;
      }
    }
  });
  return owner;
}

export interface HexCell {
  readonly offset: number;
  readonly hex: string;
  readonly ascii: string;
  /** Index into Decoded.fields, −1 when no field covers the byte. */
  readonly field: number;
  /** Index into Decoded.layers, −1 outside every layer. */
  readonly layer: number;
}
export interface HexRow {
  readonly offset: string;
  readonly cells: HexCell[];
}

/** Rows of `width` bytes: offset label, hex, printable ASCII ('.' otherwise), owning field and layer per byte. */
export function hexRows(frame: Uint8Array, d: Decoded, width = 16): HexRow[] {
  const owners = byteOwners(d, frame.length);
  const layerOf = new Int32Array(frame.length).fill(-1);
  d.layers.forEach((l, i) => {
    const end = l.name === 'Payload' ? l.offset + l.length : nextLayerStart(d, i, frame.length);
    for (let k = l.offset; k < Math.min(end, frame.length); k++) layerOf[k] = i;
  });
  const rows: HexRow[] = [];
  const w = Math.max(1, Math.floor(width));
  for (let at = 0; at < frame.length; at += w) {
    const cells: HexCell[] = [];
    for (let k = at; k < Math.min(frame.length, at + w); k++) {
      const b = frame[k] ?? 0;
      cells.push({
        offset: k,
        hex: b.toString(16).padStart(2, '0'),
        ascii: b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.',
        field: owners[k] ?? -1,
        layer: layerOf[k] ?? -1,
      });
    }
    rows.push({ offset: at.toString(16).padStart(4, '0'), cells });
  }
  return rows;
}
function nextLayerStart(d: Decoded, i: number, length: number): number {
  const l = d.layers[i];
  const next = d.layers[i + 1];
  if (!l) return 0;
  return next && next.offset >= l.offset + l.length ? next.offset : Math.min(length, l.offset + l.length);
}
