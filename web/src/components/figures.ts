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
}
