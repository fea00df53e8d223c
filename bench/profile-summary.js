#!/usr/bin/env node
// `node bench/profile-summary.js <file.cpuprofile> [top=25]`: self time per function of a CPU
// profile (node --cpu-prof, e.g. `npm run bench -- --only=8 --profile`), biggest first, in ms and
// in % of the profile. Functions of the same name and place are added up.
import fs from 'node:fs';
import path from 'node:path';

const [file, topArg] = process.argv.slice(2);
if (!file) {
	console.error('usage: node bench/profile-summary.js <file.cpuprofile> [top]');
	process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map();
let totalMs = 0;
profile.samples.forEach((id, i) => {
	const ms = (profile.timeDeltas[i] ?? 0) / 1000;
	totalMs += ms;
	const { functionName, url, lineNumber } = nodes.get(id).callFrame;
	const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
	const key = `${functionName || '(anonymous)'}\t${where}`;
	selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
});
const top = [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25));
console.log(`${path.basename(file)}: ${(totalMs / 1000).toFixed(1)} s sampled`);
console.log('| self ms | % | function | where |');
console.log('| ---: | ---: | --- | --- |');
for (const [key, ms] of top) {
	const [name, where] = key.split('\t');
	console.log(`| ${ms.toFixed(0)} | ${((ms / totalMs) * 100).toFixed(1)} | ${name} | ${where} |`);
}
