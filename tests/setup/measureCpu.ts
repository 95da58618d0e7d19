/**
 * CPU of one command and everything it starts, Chromium included, on a machine other people share:
 * `npx tsx tests/setup/measureCpu.ts -- npx vitest run tests/studio/settling.test.ts`.
 *
 * `/usr/bin/time` misses Chromium (its renderers are not waited for by the test's process tree) and `/proc/stat`
 * counts everyone's work, so the command runs in its own cpuacct cgroup (exact total, nothing else counted) and
 * the cgroup's processes are polled every 250 ms for a breakdown by kind (each pid's last utime+stime; a process
 * that lives less than a poll is missed by the breakdown, never by the total). Every 10 s a line gives the CPU
 * used since the last line per kind, so phases of a run can be told apart. Needs root (cgroup v1 cpuacct).
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, rmdirSync} from 'node:fs'
import {join} from 'node:path'

const TICKS_PER_SECOND = 100
const CGROUP = join('/sys/fs/cgroup/cpuacct', `measure-cpu-${process.pid}`)

/** What a process is, from its command line, for the breakdown. */
function kindOf(cmdline: string): string {
  if (/chrom/i.test(cmdline)) {
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1]
    return `chromium ${type ?? 'browser'}`
  }
  if (/esbuild/.test(cmdline)) return 'esbuild'
  if (/node-24\/bin\/node/.test(cmdline)) return 'node 24 (sanity 6 lane)'
  if (/\bsanity(\.js)? (build|dev)\b|sanity\/bin|@sanity\/cli/.test(cmdline)) return 'sanity cli'
  if (/npm-cli|\bnpm\b/.test(cmdline)) return 'npm'
  if (/\btsc\b|typescript\/lib/.test(cmdline)) return 'tsc'
  if (/vitest.*(forks|workers|threads)/.test(cmdline)) return 'vitest worker'
  if (/vitest/.test(cmdline)) return 'vitest main'
  return cmdline.split('\0')[0]?.split('/').at(-1) || 'other'
}

interface Seen {
  kind: string
  ticks: number
}

const seen = new Map<number, Seen>()

function poll(): void {
  let pids: string[]
  try {
    pids = readFileSync(join(CGROUP, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)
  } catch {
    return
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const ticks = Number(fields[11]) + Number(fields[12])
      const known = seen.get(Number(pid))
      if (known) known.ticks = ticks
      else seen.set(Number(pid), {kind: kindOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8')), ticks})
    } catch {
      // Exited between the listing and the read: its last value stays.
    }
  }
}

function byKind(): Map<string, number> {
  const totals = new Map<string, number>()
  for (const {kind, ticks} of seen.values()) totals.set(kind, (totals.get(kind) ?? 0) + ticks / TICKS_PER_SECOND)
  return totals
}

const usage = () => Number(readFileSync(join(CGROUP, 'cpuacct.usage'), 'utf8')) / 1e9
const format = (totals: Map<string, number>, minimum: number) =>
  [...totals].filter(([, s]) => s >= minimum).sort((a, b) => b[1] - a[1]).map(([kind, s]) => `${kind} ${s.toFixed(1)}`).join(', ')

const command = process.argv.slice(process.argv.indexOf('--') + 1)
if (command.length === 0 || !process.argv.includes('--')) {
  console.error('usage: tsx tests/setup/measureCpu.ts -- <command> [args...]')
  process.exit(2)
}
mkdirSync(CGROUP)
const started = performance.now()
// The shell joins the cgroup before it becomes the command, so every descendant is born inside it.
const child = spawn('sh', ['-c', `echo $$ > ${CGROUP}/cgroup.procs && exec "$@"`, 'sh', ...command], {stdio: 'inherit'})
let last = new Map<string, number>()
const sampler = setInterval(poll, 250)
const timeline = setInterval(() => {
  const now = byKind()
  const delta = new Map([...now].map(([kind, s]) => [kind, s - (last.get(kind) ?? 0)]))
  last = now
  const wall = (performance.now() - started) / 1000
  process.stderr.write(`[cpu ${wall.toFixed(0)} s wall, ${usage().toFixed(0)} CPU-s total] last 10 s: ${format(delta, 0.5)}\n`)
}, 10_000)
child.on('close', (code) => {
  clearInterval(sampler)
  clearInterval(timeline)
  poll()
  const wall = (performance.now() - started) / 1000
  const total = usage()
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  console.error(`\n[cpu] ${command.join(' ')}: exit ${code}, wall ${wall.toFixed(1)} s, CPU ${total.toFixed(1)} s (cgroup), load ${load}`)
  console.error(`[cpu] by kind (polled): ${format(byKind(), 0.1)}`)
  try {
    if (existsSync(CGROUP)) rmdirSync(CGROUP)
  } catch {
    // A process left behind still lives in it; the folder is removed by hand once that ends.
  }
  process.exit(code ?? 1)
})
