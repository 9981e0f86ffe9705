/**
 * Reading WebSocket frames from raw bytes, for the raw TCP clients of the
 * tests and the benchmark's load generator. Server frames are unmasked.
 */

/** Where one frame lies in a byte buffer. */
export interface FrameSpan {
  opcode: number;
  /** The payload is `data[payloadStart, payloadEnd)`. */
  payloadStart: number;
  payloadEnd: number;
}

/**
 * The frame starting at `data[start]` when all of it is in `data[start, end)`;
 * otherwise how many bytes, from `start`, it needs (`{ needs }`, at least
 * its header's when even that is incomplete).
 */
export function frameAt(
  data: Uint8Array,
  start: number,
  end: number,
): FrameSpan | { needs: number } {
  if (end - start < 2) return { needs: 2 };
  let length = data[start + 1] & 0x7f;
  let offset = start + 2;
  if (length === 126) {
    if (end - start < 4) return { needs: 4 };
    length = (data[start + 2] << 8) | data[start + 3];
    offset = start + 4;
  } else if (length === 127) {
    if (end - start < 10) return { needs: 10 };
    length = Number(new DataView(data.buffer, data.byteOffset + start + 2, 8).getBigUint64(0));
    offset = start + 10;
  }
  if (end < offset + length) return { needs: offset + length - start };
  return { opcode: data[start] & 0x0f, payloadStart: offset, payloadEnd: offset + length };
}
