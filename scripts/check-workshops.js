#!/usr/bin/env node
// `npm run check:workshops`: validates every seed and workshop file; prints each problem as
// file:line: problem, and fails when there is one.
import { runnerImport } from 'vite';

const { module } = await runnerImport('./src/lib/workshop/files.ts', {
	configFile: false,
	logLevel: 'error'
});

let seeds;
try {
	seeds = module.loadSeeds();
} catch (error) {
	console.error(error.message);
	process.exit(1);
}
const { workshops, errors } = module.loadWorkshops(undefined, seeds);
for (const error of errors) console.error(error.message);
if (errors.length) {
	console.error(`${errors.length} workshop file(s) have problems.`);
	process.exit(1);
}
const seedIds = [...seeds.blocks.keys(), ...seeds.references.keys()];
console.log(`${workshops.length} workshop(s) valid: ${workshops.map((w) => w.id).join(', ')}`);
if (seeds.glossary) seedIds.push(seeds.glossary.id);
console.log(`${seedIds.length} seed(s) valid: ${seedIds.join(', ')}`);
