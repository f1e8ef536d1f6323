/**
 * An image's size in pixels, read from its header (PNG, JPEG, GIF): a Word document must give
 * each picture its size, and a brief's images come with none written.
 */
export interface PixelSize {
  width: number
  height: number
}

export function imageSize(data: Uint8Array, mediaType: string): PixelSize | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  if (mediaType === 'image/png' && data.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) }
  if (mediaType === 'image/gif' && data.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) }
  if (mediaType === 'image/jpeg') return jpegSize(view)
  return undefined
}

/** The first start-of-frame marker's size; markers before it are skipped by their lengths. */
function jpegSize(view: DataView): PixelSize | undefined {
  let at = 2
  while (at + 9 < view.byteLength) {
    if (view.getUint8(at) !== 0xff) return undefined
    const marker = view.getUint8(at + 1)
    const length = view.getUint16(at + 2)
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) }
    }
    at += 2 + length
  }
  return undefined
}
