// Instances of the server and HAProxy in front of them (deploy/haproxy.cfg as shipped), in child
// processes that can be killed for real: shared by the failover test and the benchmark's
// two-instance scenario (bench/cluster-bench.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const haproxyAvailable = (): boolean =>
	spawnSync('sh', ['-c', 'command -v haproxy']).status === 0;

export type Instance = { port: number; child: ChildProcess | null; log: string };

/**
 * Starts tests/failover/instance.js (the sync server and /healthz) on `instance.port`, with a
 * fresh DATA_DIR: on PostgreSQL when `env` has a DATABASE_URL, on SQLite in that folder if not.
 */
export function startInstance(instance: Instance, env: Record<string, string>): Promise<void> {
	const child = spawn(process.execPath, [path.resolve('tests/failover/instance.js')], {
		env: {
			...process.env,
			PORT: String(instance.port),
			HOST: '127.0.0.1',
			DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-instance-')),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	instance.child = child;
	instance.log = '';
	return new Promise((resolve, reject) => {
		const collect = (chunk: Buffer) => {
			instance.log = (instance.log + chunk.toString()).slice(-20_000);
			if (instance.log.includes('"server_started"')) resolve();
		};
		child.stdout!.on('data', collect);
		child.stderr!.on('data', collect);
		child.once('exit', (code, signal) => {
			if (instance.child === child) instance.child = null;
			reject(new Error(`instance exited early (${code ?? signal}): ${instance.log}`));
		});
	});
}

export function stopInstance(instance: Instance, signal: NodeJS.Signals): Promise<void> {
	const child = instance.child;
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill(signal);
	});
}

function get(url: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve) => {
		http
			.get(url, (res) => {
				let body = '';
				res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			})
			.on('error', () => resolve({ status: 0, body: '' }));
	});
}

/** Whether /healthz answers 200 on this port (an instance, or HAProxy with one behind it). */
export async function healthy(port: number): Promise<boolean> {
	return (await get(`http://127.0.0.1:${port}/healthz`)).status === 200;
}

/** The open sync connections of an instance, as its /healthz reports them. */
export async function connectionsOf(port: number): Promise<number> {
	const { body } = await get(`http://127.0.0.1:${port}/healthz`);
	return (JSON.parse(body) as { connections: number }).connections;
}

export type Haproxy = { child: ChildProcess; stop(): Promise<void> };

/** HAProxy with deploy/haproxy.cfg on `port`, in front of two instances; once it answers. */
export async function startHaproxy(port: number, app1: number, app2: number): Promise<Haproxy> {
	const child = spawn('haproxy', ['-db', '-f', path.resolve('deploy/haproxy.cfg')], {
		env: {
			...process.env,
			VWP_BIND: `127.0.0.1:${port}`,
			VWP_APP1: `127.0.0.1:${app1}`,
			VWP_APP2: `127.0.0.1:${app2}`
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let log = '';
	child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const haproxy = {
		child,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGKILL');
			await exited;
		}
	};
	const started = Date.now();
	while (!(await healthy(port))) {
		if (Date.now() - started > 20_000) {
			await haproxy.stop();
			throw new Error(`HAProxy did not come up: ${log}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return haproxy;
}
