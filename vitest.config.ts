import {defineConfig} from 'vitest/config'

import {HeavyFirstSequencer} from './tests/setup/heavyFirstSequencer'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two files at a time on two cores: the browser scenarios spend most of their time waiting for the settled
    // state, and the consumer Studios for npm and the bundler, so one file's waits hold the other's work.
    maxWorkers: 2,
    sequence: {sequencer: HeavyFirstSequencer},
    typecheck: {enabled: true, include: ['tests/**/*.test-d.ts']},
  },
})
