/** The legacy article the repository ships, the default input of `npm run import`. */
export const BUNDLED_ARTICLE = 'importer/legacy/microsoft-claws-back-chinese-market.txt'
