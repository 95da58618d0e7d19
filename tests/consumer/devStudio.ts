/**
 * `sanity dev` in a scratch Studio: the development server, where Sanity 6 renders the Studio in React strict
 * mode (`sanity build` always turns it off). The Studio's API host is the stand-in (SANITY_STUDIO_API_HOST, read
 * by the scratch config), which must list the dev server's origin among its CORS origins.
 */
import {spawn} from 'node:child_process'
import {createServer} from 'node:net'
import {join} from 'node:path'

import type {ScratchProject} from './scratchProject'

const READY = /running at (http:\/\/\S+?)\/?(\s|$)/

export interface DevStudio {
  origin: string
  close(): Promise<void>
}

/** A port nobody listens on now (the dev server takes it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number}
      server.close(() => resolve(port))
    })
  })
}

export async function startDevStudio(scratch: ScratchProject, port: number, apiHost: string, timeoutMs = 180_000): Promise<DevStudio> {
  const child = spawn(join(scratch.dir, 'node_modules', '.bin', 'sanity'), ['dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: scratch.dir,
    env: {...scratch.env, SANITY_STUDIO_API_HOST: apiHost, SANITY_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1'},
    // Its own process group, so closing ends the CLI and the Vite workers it starts, and nothing else.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let output = ''
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sanity dev did not start within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`)), timeoutMs)
    const read = (chunk: Buffer) => {
      output += chunk
      const ready = READY.exec(output)
      if (ready) {
        clearTimeout(timer)
        resolve(new URL(ready[1]).origin)
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`sanity dev exited with ${code} before it was ready:\n${output.slice(-3000)}`))
    })
  })
  return {
    origin,
    async close() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM')
      await exited
    },
  }
}
