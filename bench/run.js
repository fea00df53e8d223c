#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only=1,2,5] [-- --profile] [-- --out=file.json]`: runs the
// scenarios of docs/PERFORMANCE.md (--profile: a CPU profile of the server in scenario 8's first
// run, in bench/results/profiles), prints a table, and writes every figure (with each run's) to
// bench/results/latest.json (or --out).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runnerImport } from 'vite';

// Measure the code as production runs it: Vite's module runner (which loads the in-process
// scenarios) would otherwise set NODE_ENV=development, and Yjs then deep-freezes every value it
// reads (6-7 % of scenario 5's load), which the server (`node build/server.js`) never does.
process.env.NODE_ENV ??= 'production';

const quick = process.argv.includes('--quick');
const only = process.argv
	.find((arg) => arg.startsWith('--only='))
	?.slice('--only='.length)
	.split(',');
const out =
	process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ??
	'bench/results/latest.json';
const wanted = (...scenarios) => !only || scenarios.some((s) => only.includes(s));
const load = (file) =>
	runnerImport(file, { configFile: false, logLevel: 'error' }).then((loaded) => loaded.module);
const log = (line) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const machine = {
	cpus: os.cpus().length,
	cpu: os.cpus()[0]?.model ?? '',
	node: process.version,
	memoryGiB: Math.round(os.totalmem() / 2 ** 30),
	loadAverageAtStart: os.loadavg()[0]
};
const rows = [];
const details = {};
const started = performance.now();

if (wanted('7')) {
	const result = await (await load('./bench/page-weight.ts')).run();
	rows.push(...result.rows);
	details.pageWeight = result.details;
	log('scenario 7: page weight done');
}
if (wanted('5')) {
	const result = await (await load('./bench/cold-load-bench.ts')).run(quick);
	rows.push(...result.rows);
	details.coldLoad = result.details;
	log('scenario 5: cold load done');
}
if (wanted('6')) {
	const report = await (await load('./bench/report-bench.ts')).run(quick);
	for (const row of report) {
		rows.push({
			scenario: '6',
			what: `report, 1,000 contributions: ${row.what}`,
			value: row.ms,
			unit: 'ms',
			target: row.target
		});
	}
	log('scenario 6: report done');
}
if (wanted('1', '2', '2b')) {
	const result = await (await load('./bench/sync-bench.ts')).run(quick, log, only);
	rows.push(...result.rows);
	details.rooms = result.details;
}
if (wanted('3', '4', '8')) {
	const profileDir = process.argv.includes('--profile') ? 'bench/results/profiles' : undefined;
	const result = await (await load('./bench/crowd-bench.ts')).run(quick, log, only, profileDir);
	rows.push(...result.rows);
	details.crowd = result.details;
}
if (wanted('9')) {
	const result = await (await load('./bench/cluster-bench.ts')).run(quick, log);
	rows.push(...result.rows);
	details.cluster = result.details;
}
machine.loadAverageAtEnd = os.loadavg()[0];
rows.sort((a, b) => a.scenario.localeCompare(b.scenario));

const format = (value, unit) =>
	Number.isNaN(value)
		? '—'
		: `${value.toFixed(unit === '×' ? 2 : Math.abs(value) < 10 ? 1 : 0)}${unit ? ` ${unit}` : ''}`;
console.log(
	`${quick ? 'Quick' : 'Full'} run on ${machine.cpus}× ${machine.cpu}, Node ${machine.node}, ` +
		`load average ${machine.loadAverageAtStart.toFixed(1)} → ${machine.loadAverageAtEnd.toFixed(1)}, ` +
		`${((performance.now() - started) / 1000).toFixed(0)} s`
);
console.log('| # | measure | value | target | met |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) {
	const met = row.target === null ? '—' : row.value <= row.target ? 'yes' : '**NO**';
	const target = row.target === null ? '—' : `≤ ${format(row.target, row.unit)}`;
	console.log(
		`| ${row.scenario} | ${row.what} | ${format(row.value, row.unit)} | ${target} | ${met} |`
	);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
	out,
	JSON.stringify({ date: new Date().toISOString(), machine, quick, rows, details }, null, 2)
);
// Providers' timers and child processes are all closed; leave no stragglers either way.
process.exit(0);
