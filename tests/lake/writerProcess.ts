/** Child process for the multi-process test: applies `count` increments to one document through its own LocalLake. */
import {LocalLake} from '../../lake'

const [file, count] = [process.argv[2], Number(process.argv[3])]
const lake = await LocalLake.open(file)
for (let i = 0; i < count; i++) {
  await lake.mutate([{patch: {id: 'counter', inc: {value: 1}}}, {createOrReplace: {_id: `child.${i}`, _type: 'mark'}}])
}
await lake.close()
