/**
 * Table column widths that fit the interface language. A column's width is
 * chosen for Chinese; English words are longer, and a cell breaks a word that
 * does not fit ("Gend-er") and clips a tag that does not. These widths grow,
 * only where needed, to the longest word of a column's header and values, or to
 * its longest tag.
 */

/** A cell's padding in an Element Plus table (12 px each side), and a pixel to spare. */
const CELL_PADDING = 25
/** Headers are the widest text of a column: 14 px, semibold. */
const HEADER_FONT = { size: 14, weight: 600 }
/** A small tag: 12 px text, 9 px padding and a 1 px border each side; it never wraps. */
const TAG_FONT = { size: 12, weight: 400 }
const TAG_PADDING = 20

const measured = new Map<string, number>()
let canvas: CanvasRenderingContext2D | null | undefined

function textWidth(text: string, font: { size: number; weight: number }): number {
  const key = `${font.weight} ${font.size}|${text}`
  const known = measured.get(key)
  if (known !== undefined) return known
  if (canvas === undefined) canvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  let width: number
  if (canvas) {
    canvas.font = `${font.weight} ${font.size}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`
    width = canvas.measureText(text).width
  } else {
    // No canvas (tests): a Chinese character is as wide as the font is high, a Latin letter about 0.6 of it.
    width = [...text].reduce((sum, ch) => sum + (ch.codePointAt(0)! > 0x2e80 ? font.size : font.size * 0.6), 0)
  }
  measured.set(key, width)
  return width
}

/** The column's width, or more where one word of the texts (header and values) would not fit. */
export function wordsWidth(width: number, ...texts: string[]): number {
  const words = texts.flatMap((text) => text.split(/\s+/))
  return Math.max(width, ...words.map((word) => Math.ceil(textWidth(word, HEADER_FONT) + CELL_PADDING)))
}

/** The width of a column of small tags, or more where one of the tags would not fit. */
export function tagsWidth(width: number, ...tags: string[]): number {
  return Math.max(width, ...tags.map((tag) => Math.ceil(textWidth(tag, TAG_FONT) + TAG_PADDING + CELL_PADDING)))
}
