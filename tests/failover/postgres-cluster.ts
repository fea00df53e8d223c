// A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, started on a free port
// (as the postgres user when the tests run as root, which PostgreSQL refuses to run as), removed
// afterwards. Tests that need it are skipped where PostgreSQL is not installed; CI installs it
// (.ci/run). TEST_DATABASE_URL points the tests at a running server instead.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

function binDir(): string | null {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length > 0) return path.join(root, versions[0]!, 'bin');
	const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	return which.status === 0 ? path.dirname(which.stdout.trim()) : null;
}

export function postgresAvailable(): boolean {
	return !!process.env.TEST_DATABASE_URL || binDir() !== null;
}

export function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export type Cluster = {
	/** A new, empty database on the cluster. */
	database(): Promise<string>;
	stop(): Promise<void>;
};

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(command: string, args: string[]): void {
	const [file, argv] = asRoot
		? ['runuser', ['-u', 'postgres', '--', command, ...args]]
		: [command, args];
	execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

let counter = 0;

async function createDatabase(adminUrl: string): Promise<string> {
	const name = `vwp_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(`CREATE DATABASE ${name}`);
	} finally {
		await client.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

export async function startCluster(): Promise<Cluster> {
	const given = process.env.TEST_DATABASE_URL;
	if (given) return { database: () => createDatabase(given), stop: async () => {} };
	const bin = binDir();
	if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vwp-pg-'));
	if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
	const data = path.join(dir, 'data');
	const port = await freePort();
	run(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-A',
		'trust',
		'-U',
		'postgres',
		'--no-sync',
		'-E',
		'UTF8'
	]);
	run(path.join(bin, 'pg_ctl'), [
		'-D',
		data,
		'-l',
		path.join(dir, 'log'),
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
		'-w',
		'start'
	]);
	const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
	return {
		database: () => createDatabase(admin),
		async stop() {
			try {
				run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
