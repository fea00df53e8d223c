// Runs the sync server (without the SvelteKit pages) in a child process, straight from the
// TypeScript sources, so tests can kill it for real. PORT and DATA_DIR come from the parent.
import { runnerImport } from 'vite';

const { module } = await runnerImport('./src/lib/server/serve.ts');
module.serve();
