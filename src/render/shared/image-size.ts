/**
 * An image's type and size in pixels, read from its bytes (PNG, JPEG, GIF): a Word document
 * must give each picture its type and size, and a brief's images come with none written (and
 * now and then with the wrong extension: a JPEG saved as `.png`).
 */
export interface PixelSize {
  width: number
  height: number
}

/** The media type the bytes are, whatever the file's name says; undefined for other formats. */
export function sniffImageType(data: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  return undefined
}

/** The size of a PNG, JPEG or GIF, judged by its bytes; undefined when they are none of these or cut short. */
export function imageSize(data: Uint8Array): PixelSize | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const type = sniffImageType(data)
  const size =
    type === 'image/png' && data.length >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) }
    : type === 'image/gif' && data.length >= 10 ? { width: view.getUint16(6, true), height: view.getUint16(8, true) }
    : type === 'image/jpeg' ? jpegSize(view)
    : undefined
  return size && size.width > 0 && size.height > 0 ? size : undefined
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
