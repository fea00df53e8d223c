#!/usr/bin/env node
// `npm run bench [-- --quick]`: measures and prints a table plus JSON (bench/results/latest.json).
import fs from 'node:fs';
import os from 'node:os';
import { runnerImport } from 'vite';

const quick = process.argv.includes('--quick');
const { module } = await runnerImport('./bench/report-bench.ts', {
	configFile: false,
	logLevel: 'error'
});
const rows = await module.run(quick);
const machine = {
	cpus: os.cpus().length,
	cpu: os.cpus()[0]?.model ?? '',
	node: process.version,
	memoryGiB: Math.round(os.totalmem() / 2 ** 30)
};
console.log(
	`Report for a 1,000-contribution room (median, ${quick ? 'quick' : 'full'} run) on ${machine.cpus}× ${machine.cpu}, Node ${machine.node}`
);
console.log('| scenario | median ms | target ms | met |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) {
	const met = row.target === null ? '—' : row.ms <= row.target ? 'yes' : 'NO';
	console.log(`| ${row.what} | ${row.ms.toFixed(0)} | ${row.target ?? '—'} | ${met} |`);
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
	'bench/results/latest.json',
	JSON.stringify({ date: new Date().toISOString(), machine, quick, report: rows }, null, 2)
);
