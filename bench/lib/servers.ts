// Starts a bench server in a child process (ours or the reference) on 127.0.0.1, reads its CPU
// time and memory from /proc, and stops it, removing its temporary data directory.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { BenchRoom } from '../servers/ours';

export type ServerKind = 'ours' | 'reference';

export type BenchServer = {
	kind: ServerKind;
	pid: number;
	url: string;
	rooms: BenchRoom[];
	/** Warning and error events the server logged, counted by event name. */
	warnings: Record<string, number>;
	/** Makes a room's PDF report in the server process (ours only); its time in ms. */
	report(room: BenchRoom): Promise<number>;
	stop(): Promise<void>;
};

// Per-address and per-room limits protect a real server from one misbehaving address; every
// benchmark client comes from 127.0.0.1, so they are raised for the benchmark server only.
const BENCH_ENV = {
	HOST: '127.0.0.1',
	PORT: '0',
	CONNECTIONS_PER_ADDRESS: '100000',
	CONNECTIONS_PER_ROOM: '100000',
	PARTICIPANTS_PER_ROOM: '100000',
	RETENTION_DAYS: '0'
};

const BUNDLE_DIR = 'bench/results/server';
let bundled: Promise<void> | undefined;

/**
 * Our server entry and the benchmark's load worker, bundled as the production build is: plain
 * Node, no Vite at run time. Returns the path of `entry`'s bundle.
 */
export async function bundle(entry: 'ours' | 'load-worker'): Promise<string> {
	bundled ??= build({
		configFile: false,
		logLevel: 'error',
		build: {
			ssr: true,
			outDir: BUNDLE_DIR,
			emptyOutDir: true,
			target: 'node20',
			rollupOptions: {
				input: { ours: 'bench/servers/ours.ts', 'load-worker': 'bench/lib/load-worker.ts' },
				output: { entryFileNames: '[name].js', format: 'es' }
			}
		}
	}).then(() => {});
	await bundled;
	return path.join(BUNDLE_DIR, `${entry}.js`);
}

const running = new Set<ChildProcess>();
let reports = 0;
process.on('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

export async function startServer(
	kind: ServerKind,
	spec: { rooms: number; participants: number },
	/** A directory for a CPU profile of the server (node --cpu-prof), written when it stops. */
	cpuProfileDir?: string
): Promise<BenchServer> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-bench-'));
	const child =
		kind === 'ours'
			? fork(await bundle('ours'), [], {
					env: {
						...process.env,
						...BENCH_ENV,
						DATA_DIR: dataDir,
						BENCH_ROOMS: JSON.stringify(spec)
					},
					execArgv: cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [],
					stdio: ['ignore', 'ignore', 'pipe', 'ipc']
				})
			: fork('bench/servers/reference.js', [], {
					env: { ...process.env, HOST: '127.0.0.1' },
					stdio: ['ignore', 'ignore', 'pipe', 'ipc']
				});
	running.add(child);
	const warnings: Record<string, number> = {};
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		stderr = (stderr + chunk).slice(-4000);
		for (const match of chunk.matchAll(/"event":"([a-z_]+)"/g)) {
			warnings[match[1]!] = (warnings[match[1]!] ?? 0) + 1;
		}
	});
	const ready = await new Promise<{ port: number; rooms?: BenchRoom[] }>((resolve, reject) => {
		child.once('message', (message) => resolve(message as { port: number; rooms?: BenchRoom[] }));
		child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}): ${stderr}`)));
	});
	// The reference server takes any key and any room name: make up rooms of the same shape.
	const rooms =
		ready.rooms ??
		Array.from({ length: spec.rooms }, (_, r) => ({
			id: `ref${r}`,
			keys: Array.from({ length: spec.participants }, (_, p) => `key${p}`),
			ids: Array.from({ length: spec.participants }, (_, p) => `p${p}`)
		}));
	return {
		kind,
		pid: child.pid!,
		url: `ws://127.0.0.1:${ready.port}/sync`,
		rooms,
		warnings,
		report(room) {
			const id = ++reports;
			return new Promise((resolve, reject) => {
				const answer = (message: { type?: string; id?: number; ms?: number; error?: string }) => {
					if (message.type !== 'report' || message.id !== id) return;
					child.off('message', answer);
					if (message.error) reject(new Error(message.error));
					else resolve(message.ms!);
				};
				child.on('message', answer);
				child.send({ type: 'report', id, room: room.id, key: room.facilitatorKey });
			});
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
			}
			running.delete(child);
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory now and at its peak, in MB. */
export function memoryMB(pid: number): { rss: number; peak: number } {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kB = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
	return { rss: kB('VmRSS') / 1024, peak: kB('VmHWM') / 1024 };
}

/** Measures a server's CPU use (% of one core) and memory over `work`. */
export async function measureServer<T>(
	pid: number,
	work: () => Promise<T>
): Promise<{ result: T; cpuPercent: number; rssMB: number; peakMB: number }> {
	const cpuBefore = cpuSeconds(pid);
	const start = performance.now();
	const result = await work();
	const seconds = (performance.now() - start) / 1000;
	const cpuPercent = ((cpuSeconds(pid) - cpuBefore) / seconds) * 100;
	const { rss, peak } = memoryMB(pid);
	return { result, cpuPercent, rssMB: rss, peakMB: peak };
}
