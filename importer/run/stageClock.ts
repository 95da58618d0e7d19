/**
 * Wall and CPU time per stage of a run, for the report (`timings`, `cpuTimings`, milliseconds). CPU is
 * the whole process's (`process.cpuUsage`), so the validate stage includes its worker threads; on a
 * shared machine wall time mostly says how long the stage waited for a core, CPU time what it cost.
 * Parse, link and assemble interleave per article, so their clocks are started and stopped per article.
 */
import type {StageTimings} from './importReport'

export type Stage = keyof StageTimings

export interface ClockStart {
  wall: number
  cpu: NodeJS.CpuUsage
}

const zero = (): StageTimings => ({read: 0, context: 0, parse: 0, link: 0, assemble: 0, compare: 0, validate: 0, plan: 0, write: 0})

export class StageClock {
  private readonly wallMs = zero()
  private readonly cpuMs = zero()

  start(): ClockStart {
    return {wall: performance.now(), cpu: process.cpuUsage()}
  }

  /** Adds the time since `started` to `stage`, and returns a new start (for back-to-back stages). */
  stop(stage: Stage, started: ClockStart): ClockStart {
    const now = this.start()
    this.wallMs[stage] += now.wall - started.wall
    this.cpuMs[stage] += (now.cpu.user - started.cpu.user + now.cpu.system - started.cpu.system) / 1000
    return now
  }

  async time<T>(stage: Stage, work: () => Promise<T> | T): Promise<T> {
    const started = this.start()
    try {
      return await work()
    } finally {
      this.stop(stage, started)
    }
  }

  wall(): StageTimings {
    return rounded(this.wallMs)
  }

  cpu(): StageTimings {
    return rounded(this.cpuMs)
  }
}

function rounded(timings: StageTimings): StageTimings {
  return Object.fromEntries(Object.entries(timings).map(([stage, ms]) => [stage, Math.round(ms)])) as unknown as StageTimings
}
