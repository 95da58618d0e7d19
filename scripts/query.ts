/**
 * `npm run query -- <name> --<param> <value>`: runs a registered query (queries/registry.ts) against
 * the local dataset, or the Content Lake with `--remote`, and prints the result as JSON. Without a
 * name it prints the newest articles, so `npm run import && npm run query` shows what was imported.
 * Thin: parameters are checked by the same runner front ends use.
 */
import {createClient} from '@sanity/client'

import {DEFAULT_DATASET_FILE, LocalLake} from '../lake'
import {describeExpected, queryRegistry, runQueryByName, searchTerms, type QueryPerspective, type QuerySource} from '../queries'

const API_VERSION = '2025-02-19'

interface CliOptions {
  name?: string
  params: Record<string, string>
  /** What a reader types into search, turned into the search query's `$terms` as a front end would. */
  text?: string
  datasetFile: string
  perspective: string
  remote: boolean
  help: boolean
}

function helpText(): string {
  const queries = Object.entries(queryRegistry).map(([name, entry]) => {
    const params = Object.entries(entry.params).map(([param, spec]) => {
      const flag = `--${param} <${spec.kind}>`.padEnd(32)
      const notes = [
        spec.required ? 'required' : 'optional',
        spec.kind === 'integer' ? describeExpected(spec) : undefined,
        'default' in spec && spec.default !== undefined ? `default ${spec.default}` : undefined,
        spec.example ? `e.g. ${spec.example}` : undefined,
      ]
      return `      ${flag}${spec.description} (${notes.filter(Boolean).join('; ')})`
    })
    return [`  ${name}`, `      ${entry.description}`, ...params].join('\n')
  })
  return `Usage: npm run query -- [<query>] [--<param> <value>…] [options]

Runs a query and prints its result as JSON. Without <query>: the newest articles, briefly.

Queries:
${queries.join('\n')}

Options:
  --param <name>=<value>      another way to pass a parameter
  --text <words>              for search: what a reader types (English, 中文, pinyin), turned into
                              --terms by searchTerms() as a front end does
  --dataset-file <file>       local dataset (default ${DEFAULT_DATASET_FILE})
  --perspective <p>           published (default), drafts or raw
  --remote                    query the Content Lake instead: SANITY_PROJECT_ID, SANITY_DATASET,
                              SANITY_API_READ_TOKEN (needed for drafts/raw; optional SANITY_API_HOST)
  --help                      show this help
`
}

function parseCommandLine(argv: string[]): CliOptions {
  const options: CliOptions = {params: {}, datasetFile: DEFAULT_DATASET_FILE, perspective: 'published', remote: false, help: false}
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') && !arg.startsWith('--param=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = () => {
      if (inlineValue !== undefined) return inlineValue
      const next = argv[++index]
      if (next === undefined) throw new Error(`${flag} needs a value`)
      return next
    }
    if (flag === '--help' || flag === '-h') options.help = true
    else if (flag === '--remote') options.remote = true
    else if (flag === '--text') options.text = value()
    else if (flag === '--dataset-file') options.datasetFile = value()
    else if (flag === '--perspective') options.perspective = value()
    else if (flag === '--param' || flag.startsWith('--param=')) {
      const pair = flag.startsWith('--param=') ? flag.slice('--param='.length) : value()
      const equals = pair.indexOf('=')
      if (equals < 1) throw new Error(`--param expects name=value, got "${pair}"`)
      options.params[pair.slice(0, equals)] = pair.slice(equals + 1)
    } else if (flag.startsWith('--')) options.params[flag.slice(2)] = value()
    else if (!options.name) options.name = flag
    else throw new Error(`Unexpected argument "${flag}" (the query is "${options.name}"); see --help`)
  }
  return options
}

/** Command-line values are strings; integer parameters are converted so the runner can check them. */
function typedParams(name: string, raw: Record<string, string>): Record<string, unknown> {
  const specs: Record<string, {kind: string}> = name in queryRegistry ? queryRegistry[name as keyof typeof queryRegistry].params : {}
  return Object.fromEntries(
    Object.entries(raw).map(([param, value]) => [param, specs[param]?.kind === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value]),
  )
}

function remoteSource(): {source: QuerySource; secret?: string} {
  const {SANITY_PROJECT_ID: projectId, SANITY_DATASET: dataset, SANITY_API_READ_TOKEN: token, SANITY_API_HOST: apiHost} = process.env
  const missing = Object.entries({SANITY_PROJECT_ID: projectId, SANITY_DATASET: dataset}).filter(([, value]) => !value).map(([key]) => key)
  if (missing.length) throw new Error(`--remote needs ${missing.join(' and ')} in the environment`)
  const client = createClient({
    projectId, dataset, token: token || undefined, apiVersion: API_VERSION, useCdn: false,
    ...(apiHost ? {apiHost, useProjectHostname: false} : {}),
  })
  return {source: client, secret: token || undefined}
}

async function main(): Promise<void> {
  const options = parseCommandLine(process.argv.slice(2))
  if (options.help) {
    process.stdout.write(helpText())
    return
  }
  const perspective = options.perspective as QueryPerspective
  const remote = options.remote ? remoteSource() : undefined
  if (remote && !remote.secret && perspective !== 'published') {
    throw new Error(`--perspective ${perspective} with --remote needs SANITY_API_READ_TOKEN: drafts are private`)
  }
  const lake = remote ? undefined : await LocalLake.open(options.datasetFile)
  const source = remote?.source ?? lake!
  try {
    if (!options.name) {
      const rows = (await runQueryByName(source, 'articleList', {limit: 10, ...typedParams('articleList', options.params)}, {perspective})) as {publishedAt: string; slug: string; title: string}[]
      const where = remote ? 'the Content Lake' : options.datasetFile
      const lines = rows.map((row) => `  ${row.publishedAt?.slice(0, 10) ?? '(undated)  '}  ${row.slug}  ${row.title}`)
      process.stdout.write(`Newest articles in ${where} (${perspective}):\n${lines.join('\n') || '  (none)'}\n`)
      if (rows[0]) process.stdout.write(`\nWhole page: npm run query -- articleBySlug --slug ${rows[0].slug}\nAll queries: npm run query -- --help\n`)
      return
    }
    if (options.text !== undefined) {
      const terms = searchTerms(options.text)
      if (!terms) throw new Error(`--text "${options.text}" has nothing to search for: give a word, in English, Chinese or pinyin`)
      options.params.terms = terms
    }
    const result = await runQueryByName(source, options.name, typedParams(options.name, options.params), {perspective})
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await lake?.close()
  }
}

main().catch((error: unknown) => {
  const token = process.env.SANITY_API_READ_TOKEN
  const message = error instanceof Error ? error.message : String(error)
  // Whatever failed, the read token must not end up in a terminal or a CI log.
  process.stderr.write(`npm run query: ${token ? message.split(token).join('***') : message}\n`)
  process.exitCode = 1
})
