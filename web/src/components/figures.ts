/**
 * One figure of a region's figures (诉求总数, 应收租金…): a tile of FigureTiles,
 * and where a panel compares child regions, a column of its table too.
 */
export interface Figure<T> {
  /** The field shown; names the tile's data-test (`${test}-${key}`). */
  key: string
  label: string
  value: (figures: T) => string
  /** In red where it calls for attention (超期, 逾期). */
  alert?: (figures: T) => boolean
  /** A line below a tile's value (the change from a year earlier), none when null. */
  note?: (figures: T) => FigureNote | null
  /** The value in full, a tile's tooltip (the exact number behind 近千万元). */
  detail?: (figures: T) => string
  /** A table sorts by the column on this number (rows without one last); unsortable without. */
  sortValue?: (figures: T) => number | null
}

/** A remark on a figure; `good` in green, `bad` in red, `neutral` grey. */
export interface FigureNote {
  text: string
  tone?: 'good' | 'bad' | 'neutral'
}

/** A table's order: the column's key and which way. */
export interface FigureSort {
  key: string
  order: 'desc' | 'asc'
}
