import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'rules/**/*.test.ts', 'codemods/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['src/test-support/global-setup.ts'],
    setupFiles: ['src/test-support/rule-tester-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
