/**
 * An image's type and size in pixels, read from its bytes (PNG, JPEG, GIF) by the image-size
 * package: a Word document must give each picture its type and size, and a brief's images
 * come with none written (and now and then with the wrong extension: a JPEG saved as `.png`).
 */
import { imageSize as measure } from 'image-size'

export interface PixelSize {
  width: number
  height: number
}

/** The types Word takes as they are, by image-size's names for them; others (SVG, WebP, …) are not ours to size. */
const mediaTypes: Record<string, 'image/png' | 'image/jpeg' | 'image/gif'> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' }

/** What image-size reads of the bytes; undefined when it cannot read them (another format, or cut short). */
function read(data: Uint8Array): { type: 'image/png' | 'image/jpeg' | 'image/gif'; size: PixelSize } | undefined {
  try {
    const { type, width, height } = measure(data)
    const mediaType = mediaTypes[type ?? '']
    return mediaType ? { type: mediaType, size: { width, height } } : undefined
  } catch {
    // image-size throws for a format it does not know and for bytes it cannot make sense of.
    return undefined
  }
}

/** The media type the bytes are, whatever the file's name says; undefined for other formats. */
export function sniffImageType(data: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | undefined {
  return read(data)?.type
}

/** The size of a PNG, JPEG or GIF, judged by its bytes; undefined when they are none of these or cut short. */
export function imageSize(data: Uint8Array): PixelSize | undefined {
  const size = read(data)?.size
  return size && size.width > 0 && size.height > 0 ? size : undefined
}
