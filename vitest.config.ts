import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    typecheck: {enabled: true, include: ['tests/**/*.test-d.ts']},
  },
})
