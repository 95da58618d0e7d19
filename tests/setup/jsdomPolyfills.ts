/**
 * Browser APIs Sanity UI expects that jsdom lacks. Imported first by every component test (plugins, schemas).
 */
if (typeof window !== 'undefined') {
  // ThemeProvider and media-query hooks read prefers-color-scheme and breakpoints.
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

  // jsdom leaves `CSS` declared but empty; sanity feature-detects with CSS.supports at import time.
  if (typeof globalThis.CSS?.supports !== 'function') {
    globalThis.CSS = {
      ...globalThis.CSS,
      supports: () => false,
      escape: (value: string) => value.replace(/[^\w-]/g, (char) => `\\${char}`),
    } as unknown as typeof CSS
  }

  // Sanity UI measures elements (Box, Flex) with ResizeObserver.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
}
