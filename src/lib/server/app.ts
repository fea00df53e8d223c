import { startCheckpointer, type Checkpointer } from './checkpointer';
import { loadConfig, type Config } from './config';
import { openDatabase, type DB } from './db';
import { DocStore } from './doc-store';
import { jsonLogger, type Logger } from './log';
import { closePdfBrowser } from './pdf';
import { RoomRepository } from './rooms';
import { SyncServer } from './sync/sync-server';
import { FailureThrottle } from './throttle';

export type App = {
	config: Config;
	db: DB;
	/** Copies the write-ahead log into the database file, off the main thread. */
	checkpointer: Checkpointer;
	rooms: RoomRepository;
	store: DocStore;
	sync: SyncServer;
	failedJoins: FailureThrottle;
	log: Logger;
	/** Erases a room: closes its connections, then deletes every row of it. */
	eraseRoom(roomId: string): void;
	/** Erases the rooms past the retention period; returns how many. */
	expireRooms(now?: number): number;
	close(): Promise<void>;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_CHECK_MS = 60 * 60 * 1000;
const CHECKPOINT_INTERVAL_MS = 1000;

export function createApp(config: Config = loadConfig(), log: Logger = jsonLogger): App {
	const db = openDatabase(config.databaseFile);
	const checkpointer = startCheckpointer(db, config.databaseFile, CHECKPOINT_INTERVAL_MS, log);
	const rooms = new RoomRepository(db);
	const store = new DocStore(db);
	const sync = new SyncServer({ rooms, store, limits: config.limits, log });
	const failedJoins = new FailureThrottle(
		config.limits.failedJoinsPerWindow,
		config.limits.failedJoinWindowMs
	);
	const app: App = {
		config,
		db,
		checkpointer,
		rooms,
		store,
		sync,
		failedJoins,
		log,
		eraseRoom(roomId) {
			sync.closeRoom(roomId);
			rooms.delete(roomId);
		},
		expireRooms(now = Date.now()) {
			if (config.retentionDays <= 0) return 0;
			const expired = rooms.inactiveSince(now - config.retentionDays * DAY_MS);
			for (const roomId of expired) {
				app.eraseRoom(roomId);
				log('info', 'room_expired', { room: roomId });
			}
			return expired.length;
		},
		async close() {
			clearInterval(retention);
			await sync.close();
			await closePdfBrowser();
			await checkpointer.stop();
			db.close();
		}
	};
	app.expireRooms();
	const retention = setInterval(() => app.expireRooms(), RETENTION_CHECK_MS);
	retention.unref();
	return app;
}

// One app per process. In `vite dev` the sync server (loaded with the Vite config) and the
// SvelteKit routes (loaded through Vite's module graph) are separate module instances, so the
// app lives on globalThis to give both the same database connection and the same rooms.
const KEY = Symbol.for('visiewerkplaats.app');
type Holder = { [KEY]?: App };

export function getApp(): App {
	const holder = globalThis as Holder;
	holder[KEY] ??= createApp();
	return holder[KEY];
}

export function setApp(app: App | undefined): void {
	(globalThis as Holder)[KEY] = app;
}
