/**
 * Whether the React tree a page renders is in strict mode, read from React itself through the hook React
 * DevTools uses (`__REACT_DEVTOOLS_GLOBAL_HOOK__`, installed before the page's scripts run; Vite's React Refresh
 * wraps it rather than replacing it):
 * - `strictModeElement`: a `<StrictMode>` fiber in a committed root (what `renderStudio` wraps the Studio in);
 * - `strictFibers`: fibers whose mode carries React's StrictLegacyMode bit (every descendant of `<StrictMode>`);
 * - `doubleInvocations`: times React switched DevTools' strict-mode flag on, which it does around the second
 *   call of render functions and effects that only strict mode makes in development.
 */
import type {Page} from 'playwright-core'

export interface StrictModeReport {
  roots: number
  fibers: number
  strictFibers: number
  strictModeElement: boolean
  doubleInvocations: number
}

/** Pass to `page.addInitScript` before the page loads. */
export function recordReactRoots(): void {
  const record = {roots: new Set<unknown>(), doubleInvocations: 0}
  ;(window as unknown as {__chinaDeskReact: typeof record}).__chinaDeskReact = record
  const global = window as unknown as {__REACT_DEVTOOLS_GLOBAL_HOOK__?: Record<string, unknown>}
  let nextRendererId = 1
  global.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(),
    supportsFiber: true,
    inject(this: {renderers: Map<number, unknown>}, renderer: unknown) {
      const id = nextRendererId++
      this.renderers.set(id, renderer)
      return id
    },
    onCommitFiberRoot: (_id: number, root: unknown) => record.roots.add(root),
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onScheduleFiberRoot: () => undefined,
    setStrictMode: (_id: number, on: boolean) => {
      if (on) record.doubleInvocations++
    },
    checkDCE: () => undefined,
  }
}

export function readStrictMode(page: Page): Promise<StrictModeReport> {
  return page.evaluate(() => {
    type Fiber = {child: Fiber | null; sibling: Fiber | null; mode: number; type: unknown; elementType: unknown}
    const STRICT_MODE = Symbol.for('react.strict_mode')
    const STRICT_LEGACY_MODE = 0b1000
    const record = (window as unknown as {__chinaDeskReact: {roots: Set<{current: Fiber}>; doubleInvocations: number}}).__chinaDeskReact
    let fibers = 0
    let strictFibers = 0
    let strictModeElement = false
    for (const root of record.roots) {
      const stack: Fiber[] = [root.current]
      while (stack.length > 0) {
        const fiber = stack.pop()!
        fibers++
        if (fiber.mode & STRICT_LEGACY_MODE) strictFibers++
        if (fiber.elementType === STRICT_MODE || fiber.type === STRICT_MODE) strictModeElement = true
        if (fiber.child) stack.push(fiber.child)
        if (fiber.sibling) stack.push(fiber.sibling)
      }
    }
    return {roots: record.roots.size, fibers, strictFibers, strictModeElement, doubleInvocations: record.doubleInvocations}
  })
}
