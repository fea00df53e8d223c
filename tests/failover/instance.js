// Runs tests/failover/instance-entry.ts in a child process straight from the TypeScript sources
// (as tests/helpers/child-server.js does), so the test can kill it for real.
import { runnerImport } from 'vite';

await runnerImport('./tests/failover/instance-entry.ts');
