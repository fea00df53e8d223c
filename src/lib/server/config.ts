import path from 'node:path';

export type Limits = {
	/** Largest WebSocket frame accepted, in bytes. */
	maxFrameBytes: number;
	/** Document updates one connection may send per second (burst allowed up to twice this). */
	updatesPerSecond: number;
	/** Largest stored size of one room document, in bytes. */
	maxDocBytes: number;
	participantsPerRoom: number;
	connectionsPerRoom: number;
	/** Open sync connections from one address (a room behind one router needs several per person). */
	connectionsPerAddress: number;
	/** Failed joins from one address within the window before 429. */
	failedJoinsPerWindow: number;
	failedJoinWindowMs: number;
	/** Bytes waiting to be sent to one client before it counts as not reading and is dropped. */
	maxBufferedBytes: number;
	/** Updates in a document's log before it is compacted into a snapshot. */
	compactAfterUpdates: number;
	/** How often the server pings each socket; one that has not answered the last ping is dropped. */
	pingIntervalMs: number;
};

export type Config = {
	port: number;
	host: string;
	dataDir: string;
	databaseFile: string;
	/** Rooms without activity for this many days are erased; 0 keeps them for ever. */
	retentionDays: number;
	limits: Limits;
};

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`);
	}
	return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const dataDir = path.resolve(env.DATA_DIR || './data');
	return {
		port: intFromEnv(env, 'PORT', 3000),
		host: env.HOST || '0.0.0.0',
		dataDir,
		databaseFile: path.join(dataDir, 'visiewerkplaats.sqlite'),
		retentionDays: intFromEnv(env, 'RETENTION_DAYS', 180),
		limits: {
			maxFrameBytes: intFromEnv(env, 'MAX_FRAME_BYTES', 1024 * 1024),
			updatesPerSecond: intFromEnv(env, 'UPDATES_PER_SECOND', 40),
			maxDocBytes: intFromEnv(env, 'MAX_DOC_BYTES', 20 * 1024 * 1024),
			participantsPerRoom: intFromEnv(env, 'PARTICIPANTS_PER_ROOM', 500),
			connectionsPerRoom: intFromEnv(env, 'CONNECTIONS_PER_ROOM', 2000),
			connectionsPerAddress: intFromEnv(env, 'CONNECTIONS_PER_ADDRESS', 2000),
			failedJoinsPerWindow: intFromEnv(env, 'FAILED_JOINS_PER_WINDOW', 10),
			failedJoinWindowMs: intFromEnv(env, 'FAILED_JOIN_WINDOW_SECONDS', 600) * 1000,
			maxBufferedBytes: intFromEnv(env, 'MAX_BUFFERED_BYTES', 16 * 1024 * 1024),
			compactAfterUpdates: intFromEnv(env, 'COMPACT_AFTER_UPDATES', 500),
			pingIntervalMs: Math.max(1, intFromEnv(env, 'PING_INTERVAL_SECONDS', 30)) * 1000
		}
	};
}
