import {openQueryFixtureLake} from '../fixtures/queryFixtureLake'
import {queryRegistry, runQueryByName} from '../../queries'
const f = await openQueryFixtureLake()
const params: Record<string, Record<string, unknown>> = {articleBySlug: {slug: 'chip-unicorns-q1-2023'}, companyBySlug: {slug: 'microsoft'}, regulationBySlug: {slug: 'cybersecurity-law'}, sourceBySlug: {slug: 'peter-navarro'}, unicornListBySlug: {slug: 'it-juzi-2023-q1'}, companyUnicornAppearances: {companyId: 'company.moore-threads'}, search: {term: 'cloud'}, articleList: {limit: 3}}
for (const name of Object.keys(queryRegistry)) {
  const t = Date.now()
  const r = await runQueryByName(f.lake, name, params[name] ?? {})
  console.log('=====', name, Date.now() - t, 'ms')
  console.log(JSON.stringify(r, null, 1).slice(0, process.argv[2] === name ? 100000 : 1500))
}
await f.close()
