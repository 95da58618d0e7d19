import {defineConfig} from 'vitest/config'

import {HeavyFirstSequencer} from './tests/setup/heavyFirstSequencer'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Three files at a time on two cores: a whole run keeps only about one core busy, because the browser
    // scenarios spend most of their time waiting for the settled state and the consumer Studios for npm and the
    // bundler, so one file's waits hold the others' work.
    maxWorkers: 3,
    sequence: {sequencer: HeavyFirstSequencer},
    typecheck: {enabled: true, include: ['tests/**/*.test-d.ts']},
  },
})
