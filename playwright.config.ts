import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium-path.js';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-e2e-'));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: false,
	workers: 1,
	// The template's CI setting: one retry there. A test that passes only on its retry is listed
	// as flaky in the output, to be fixed, not hidden.
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		locale: 'nl-BE',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromiumPath() ?? undefined,
			args: CHROMIUM_ARGS
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		command: 'npm run build && node build/server.js',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		// STEP_FIXTURES: the build registers the demo step kind of tests/fixtures/steps (no workshop
		// here uses it; tests/e2e/step-kind-demo.spec.ts runs the build on a server of its own).
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			STEP_FIXTURES: 'tests/fixtures/steps'
		},
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
