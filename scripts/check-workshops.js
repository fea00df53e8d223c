#!/usr/bin/env node
// `npm run check:workshops`: validates every workshop file; prints each problem as file:line.
import { runnerImport } from 'vite';

const { module } = await runnerImport('./src/lib/workshop/files.ts', {
	configFile: false,
	logLevel: 'error'
});
const { workshops, errors } = module.loadWorkshops();
for (const error of errors) console.error(error.message);
if (errors.length) {
	console.error(`${errors.length} workshop file(s) have problems.`);
	process.exit(1);
}
console.log(`${workshops.length} workshop(s) valid: ${workshops.map((w) => w.id).join(', ')}`);
