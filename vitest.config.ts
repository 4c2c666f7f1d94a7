import { defineConfig } from 'vitest/config';

/**
 * Every suite of the repository, as vitest projects. `pnpm test` runs them all; the summary
 * reporter prints the count per project and one total line at the end.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          root: './shared',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
