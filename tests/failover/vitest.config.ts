// `npm run test:failover` (part of `npm test`): the PostgreSQL + HAProxy failover tests, which
// skip themselves where postgresql or haproxy is not installed.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/failover/**/*.test.ts'],
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 120_000
	}
});
