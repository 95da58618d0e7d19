/** Loading `sanity dataset export` archives (and their `data.ndjson`) into the local dataset. */
export {importSanityExportCommand, type SanityExportCommand} from './importSanityExportCommand'
export {DEFAULT_ASSET_LOCATION, loadSanityExport, type LoadSanityExportOptions, type SanityExportReport} from './loadSanityExport'
export {isSanityExportPath, readExportArchive} from './readExportArchive'
