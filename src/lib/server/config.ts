import path from 'node:path';

export type Limits = {
	/** Largest WebSocket frame accepted, in bytes. */
	maxFrameBytes: number;
	/** Document updates one key may send per second over all its connections (bursts of twice this). */
	updatesPerSecond: number;
	/** Largest stored size of one room document, in bytes. */
	maxDocBytes: number;
	participantsPerRoom: number;
	connectionsPerRoom: number;
	/** Open sync connections from one address (a room behind one router needs several per person). */
	connectionsPerAddress: number;
	/** Wrong join codes from one address within the window; past it every join from there gets 429. */
	failedJoinsPerWindow: number;
	failedJoinWindowMs: number;
	/** Wrong join codes per minute from all addresses together; past it, addresses with a recent wrong code are refused. */
	failedJoinsPerMinute: number;
	/** A join code stops working after this long without a join or any room activity; 0: never. */
	joinCodeIdleMs: number;
	/** Largest JSON body of an API request (joining, creating a room …), in bytes. */
	maxBodyBytes: number;
	/** Largest body of a room import (a JSON export), in bytes. */
	maxImportBytes: number;
	/** Bytes waiting to be sent to one client before it counts as not reading and is dropped. */
	maxBufferedBytes: number;
	/** Updates in a document's log before it is compacted into a snapshot. */
	compactAfterUpdates: number;
	/** How often the server pings each socket; one that has not answered the last ping is dropped. */
	pingIntervalMs: number;
	/** Open sync connections of one key (a browser tab opens two or three). */
	connectionsPerKey: number;
	/** Presence (awareness) messages one key may send per second (bursts of twice this). */
	awarenessPerSecond: number;
	/** Largest presence state of one client, in bytes of JSON. */
	maxAwarenessBytes: number;
	/** Presence client ids one connection may announce (a real client announces one). */
	awarenessIdsPerConnection: number;
	/** Sync requests (sync step 1, presence queries) one key may send per minute, all at once at most. */
	syncRequestsPerMinute: number;
	/** PDF reports printed at the same time (each a Chromium page: CPU and ~100 MB while it prints). */
	pdfConcurrency: number;
	/** PDF reports that may wait for a turn; one more gets 503 with Retry-After. */
	pdfQueue: number;
	/** Header with the client address behind a proxy (ADDRESS_HEADER, as adapter-node reads it); '' for none. */
	addressHeader: string;
	/** With X-Forwarded-For: which address from the right is the client's (XFF_DEPTH, as adapter-node). */
	xffDepth: number;
};

export type Config = {
	port: number;
	host: string;
	dataDir: string;
	databaseFile: string;
	/** postgres://… selects PostgreSQL (several instances); '' keeps SQLite in dataDir. */
	databaseUrl: string;
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
		databaseUrl: env.DATABASE_URL ?? '',
		retentionDays: intFromEnv(env, 'RETENTION_DAYS', 180),
		limits: {
			maxFrameBytes: intFromEnv(env, 'MAX_FRAME_BYTES', 1024 * 1024),
			updatesPerSecond: intFromEnv(env, 'UPDATES_PER_SECOND', 40),
			maxDocBytes: intFromEnv(env, 'MAX_DOC_BYTES', 20 * 1024 * 1024),
			participantsPerRoom: intFromEnv(env, 'PARTICIPANTS_PER_ROOM', 500),
			connectionsPerRoom: intFromEnv(env, 'CONNECTIONS_PER_ROOM', 2000),
			connectionsPerAddress: intFromEnv(env, 'CONNECTIONS_PER_ADDRESS', 2000),
			failedJoinsPerWindow: intFromEnv(env, 'FAILED_JOINS_PER_WINDOW', 30),
			failedJoinWindowMs: intFromEnv(env, 'FAILED_JOIN_WINDOW_SECONDS', 600) * 1000,
			failedJoinsPerMinute: intFromEnv(env, 'FAILED_JOINS_PER_MINUTE', 300),
			joinCodeIdleMs: intFromEnv(env, 'JOIN_CODE_IDLE_HOURS', 12) * 60 * 60 * 1000,
			maxBodyBytes: intFromEnv(env, 'MAX_BODY_BYTES', 64 * 1024),
			maxImportBytes: intFromEnv(env, 'MAX_IMPORT_BYTES', 512 * 1024),
			maxBufferedBytes: intFromEnv(env, 'MAX_BUFFERED_BYTES', 16 * 1024 * 1024),
			compactAfterUpdates: intFromEnv(env, 'COMPACT_AFTER_UPDATES', 500),
			pingIntervalMs: Math.max(1, intFromEnv(env, 'PING_INTERVAL_SECONDS', 30)) * 1000,
			connectionsPerKey: intFromEnv(env, 'CONNECTIONS_PER_KEY', 8),
			awarenessPerSecond: intFromEnv(env, 'AWARENESS_PER_SECOND', 10),
			maxAwarenessBytes: intFromEnv(env, 'MAX_AWARENESS_BYTES', 2048),
			awarenessIdsPerConnection: intFromEnv(env, 'AWARENESS_IDS_PER_CONNECTION', 1),
			syncRequestsPerMinute: intFromEnv(env, 'SYNC_REQUESTS_PER_MINUTE', 60),
			pdfConcurrency: Math.max(1, intFromEnv(env, 'PDF_CONCURRENCY', 2)),
			pdfQueue: intFromEnv(env, 'PDF_QUEUE', 8),
			addressHeader: env.ADDRESS_HEADER ?? '',
			xffDepth: Math.max(1, intFromEnv(env, 'XFF_DEPTH', 1))
		}
	};
}
