/**
 * The few browser APIs Sanity UI and `sanity` touch that jsdom lacks; imported first by the
 * schemas component tests.
 */
if (typeof window !== 'undefined') {
  window.matchMedia ??= ((query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as unknown as MediaQueryList) as typeof window.matchMedia

  // sanity feature-detects with CSS.supports when it is imported
  if (typeof globalThis.CSS?.supports !== 'function') {
    globalThis.CSS = {
      ...globalThis.CSS,
      supports: () => false,
      escape: (value: string) => value,
    } as unknown as typeof CSS
  }

  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
}
