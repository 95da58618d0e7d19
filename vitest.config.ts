import {defineConfig} from 'vitest/config'

import {HeavyFirstSequencer} from './tests/setup/heavyFirstSequencer'

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Three files at a time on two cores: a whole run keeps only about one core busy, because the browser
    // scenarios spend most of their time waiting for the settled state and the consumer Studios for npm and the
    // bundler, so one file's waits hold the others' work.
    maxWorkers: 3,
    sequence: {sequencer: HeavyFirstSequencer},
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          // A worker keeps its loaded modules (sanity, groq-js, the schema) from one file to the next: importing
          // them again for every file cost about 40 % of these files' CPU. They share no mocks and set no state
          // another file reads (NODE_TLS_REJECT_UNAUTHORIZED is set the same way wherever it is set).
          isolate: false,
          // Only the type tests and what they import: `npm test` runs `tsc --noEmit` over the whole project beside
          // vitest, and vitest's checker on the root tsconfig repeated all of it (~35 CPU-s of a saturated run).
          typecheck: {enabled: true, include: ['tests/**/*.test-d.ts'], tsconfig: 'tests/tsconfig.typetests.json'},
        },
      },
      {
        extends: true,
        // The component tests replace `sanity` with vi.mock: each keeps its own module graph.
        test: {name: 'components', include: ['tests/**/*.test.tsx'], isolate: true},
      },
    ],
  },
})
