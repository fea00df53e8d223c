import type { Checkpointer } from './checkpointer';
import { loadConfig, type Config } from './config';
import type { DB } from './db';
import type { DocStorage } from './doc-store';
import { jsonLogger, type Logger } from './log';
import { closePdfBrowser, setPdfLimits } from './pdf';
import { Retention, systemClock, type Clock } from './retention';
import { RoomRepository } from './rooms';
import { openStorage } from './store/open';
import { SyncServer } from './sync/sync-server';
import { FailureThrottle, WindowCounter } from './throttle';
import { WorkspaceRepository } from './workspaces';

export type App = {
	config: Config;
	db: DB;
	/** Copies the write-ahead log into the database file, off the main thread. */
	checkpointer: Checkpointer;
	rooms: RoomRepository;
	workspaces: WorkspaceRepository;
	store: DocStorage;
	sync: SyncServer;
	failedJoins: FailureThrottle;
	/** Wrong join codes from every address in the last minute. */
	wrongCodes: WindowCounter;
	/** The app's clock (injected in tests). */
	clock: Clock;
	log: Logger;
	/** Erases a room: closes its connections, then deletes every row of it. */
	eraseRoom(roomId: string): void;
	/** Erases a workspace and every room of it; returns how many rooms. */
	eraseWorkspace(workspaceId: string): number;
	/**
	 * One retention check; returns how many rooms it erased. A room is erased only when several
	 * checks spread over hours saw it expired, and never when every room looks expired (retention.ts).
	 */
	expireRooms(): number;
	close(): Promise<void>;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_CHECK_MS = 60 * 60 * 1000;

export function createApp(
	config: Config = loadConfig(),
	log: Logger = jsonLogger,
	options: { clock?: Clock; retentionConfirmMs?: number } = {}
): App {
	const clock = options.clock ?? systemClock;
	setPdfLimits(config.limits.pdfConcurrency, config.limits.pdfQueue);
	const storage = openStorage(config, log);
	const { db, checkpointer, store } = storage;
	const rooms = new RoomRepository(db, clock.now);
	const workspaces = new WorkspaceRepository(db, clock.now);
	const sync = new SyncServer({ rooms, store, limits: config.limits, log });
	const failedJoins = new FailureThrottle(
		config.limits.failedJoinsPerWindow,
		config.limits.failedJoinWindowMs,
		clock.now
	);
	const wrongCodes = new WindowCounter(60_000, clock.now);
	const retention = new Retention({
		rooms,
		retentionMs: config.retentionDays * DAY_MS,
		clock,
		log,
		erase: (roomId) => app.eraseRoom(roomId),
		workspaces: { repository: workspaces, erase: (id) => app.eraseWorkspace(id) },
		confirmMs: options.retentionConfirmMs
	});
	const app: App = {
		config,
		db,
		checkpointer,
		rooms,
		workspaces,
		store,
		sync,
		failedJoins,
		wrongCodes,
		clock,
		log,
		eraseRoom(roomId) {
			sync.closeRoom(roomId);
			rooms.delete(roomId);
			store.publishErased?.(roomId);
		},
		eraseWorkspace(workspaceId) {
			const roomIds = workspaces.roomIds(workspaceId);
			for (const roomId of roomIds) app.eraseRoom(roomId);
			workspaces.delete(workspaceId);
			return roomIds.length;
		},
		expireRooms() {
			return retention.check();
		},
		async close() {
			clearInterval(retentionTimer);
			await sync.close();
			await closePdfBrowser();
			await storage.close();
		}
	};
	app.expireRooms();
	const retentionTimer = setInterval(() => app.expireRooms(), RETENTION_CHECK_MS);
	retentionTimer.unref();
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
