/**
 * `npm run bench`: runs the benchmark suites in `scripts/bench/` and prints a Markdown report on stdout, or
 * with `--json` one JSON object `{queries?, import?}` holding each suite's plain result object (progress always
 * on stderr). Suites: `queries` (LocalLake vs plain groq-js, open time and heap, one-field patch) and `import`
 * (a generated WordPress export into a fresh local dataset: articles per second, peak memory).
 */
import {benchImport} from './bench/import'
import {importReportMarkdown} from './bench/importReport'
import {benchQueries} from './bench/queries'
import {queryReportMarkdown} from './bench/queryReport'

const HELP = `Usage: npm run bench -- [--only queries|import] [--sizes 1000,10000,100000] [--budget-ms 1000] [--posts 10000] [--cases a,b] [--no-plain] [--no-cold] [--json]

  --only <suite>    run one suite: "queries" or "import" (default: all)
  --sizes <list>    article counts for the query suite (default 1000,10000,100000)
  --budget-ms <n>   time budget per query and engine in ms (default 1000; at least 3 runs each)
  --posts <n>       posts in the generated WordPress export of the import suite (default 10000)
  --cases <list>    query cases whose name contains one of these words (e.g. search,timeline); default all
  --no-plain        time the store only, without the plain groq-js comparison (a quick loop while tuning)
  --no-cold         skip each case's cold run (a new process reopens the dataset and runs the case once)
  --json            print the results as one JSON object instead of Markdown
  --help            this text`

function parseArgs(argv: string[]) {
  const options = {only: undefined as string | undefined, sizes: [1000, 10_000, 100_000], budgetMs: 1000, posts: 10_000, help: false, json: false, cases: [] as string[], plain: true, cold: true}
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2)
    const value = () => inline ?? argv[++i] ?? ''
    if (flag === '--help' || flag === '-h') options.help = true
    else if (flag === '--only') options.only = value()
    else if (flag === '--sizes') options.sizes = value().split(',').map((s) => Number(s.replace(/[_k]/g, (c) => (c === 'k' ? '000' : ''))))
    else if (flag === '--budget-ms') options.budgetMs = Number(value())
    else if (flag === '--posts') options.posts = Number(value())
    else if (flag === '--json') options.json = true
    else if (flag === '--cases') options.cases = value().split(',').map((word) => word.trim().toLowerCase()).filter(Boolean)
    else if (flag === '--no-plain') options.plain = false
    else if (flag === '--no-cold') options.cold = false
    else throw new Error(`bench: unknown option ${argv[i]}\n\n${HELP}`)
  }
  if (options.only && !['queries', 'import'].includes(options.only)) throw new Error(`bench: --only takes "queries" or "import", not "${options.only}"`)
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`bench: --sizes takes positive integers, e.g. 1000,10000`)
  if (!Number.isInteger(options.posts) || options.posts < 1) throw new Error(`bench: --posts takes a positive integer, e.g. 10000`)
  return options
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  if (options.help) return console.log(HELP)
  const results: {queries?: unknown; import?: unknown} = {}
  if (!options.only || options.only === 'queries') {
    const queries = await benchQueries(options)
    results.queries = queries
    if (!options.json) console.log(queryReportMarkdown(queries))
  }
  if (!options.only || options.only === 'import') {
    process.stderr.write('bench: import suite…\n')
    const result = await benchImport({posts: options.posts})
    results.import = result
    if (!options.json) console.log(`\n## Import\n\n${importReportMarkdown(result)}`)
  }
  if (options.json) console.log(JSON.stringify(results, null, 2))
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
