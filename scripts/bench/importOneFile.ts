/**
 * Child process of the import benchmark: imports the files given into a fresh dataset and prints its
 * own peak RSS (`maxRSS`), so "one small file" is measured in a process that loaded only what that
 * import needs, not in the benchmark's process that already holds everything.
 */
// as `npm run import` does (scripts/import.ts): no source maps for the modules loaded from here on
process.setSourceMapsEnabled(false)
const {LocalTarget} = await import('../../importer/write/localTarget')
const {runImport} = await import('../../importer/run/runImport')

const [datasetFile, ...inputs] = process.argv.slice(2)
const target = new LocalTarget(datasetFile)
let outcome = 'ok'
try {
  await runImport({inputs, target})
} catch (error) {
  outcome = (error as Error).message.split('\n')[0]
} finally {
  await target.close()
}
console.log(JSON.stringify({peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 102.4) / 10, outcome}))

export {}
