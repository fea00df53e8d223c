// Workspaces: a municipality's trajectory of sessions, without accounts. A workspace is opened
// by a secret key (256 random bits), like a room's facilitator key; the database holds only the
// key's hash. Every access key (the first, and each co-facilitator link) seals the workspace's
// vault key, and every room of the workspace keeps its own facilitator and viewer keys sealed
// under that vault key (AES-256-GCM). So a workspace key opens the consoles of its sessions, and
// a leaked database opens nothing.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DB } from './db';
import { statement } from './statements';
import { hashKey, newKey, newRoomId } from './keys';

export type WorkspaceRole = 'owner' | 'co';

export type Workspace = {
	id: string;
	name: string;
	createdAt: number;
	lastActiveAt: number;
};

export type WorkspaceAccess = { role: WorkspaceRole; vault: Buffer };

export type RoomKeys = { facilitatorKey: string; viewerKey: string };

type WorkspaceRow = { id: string; name: string; created_at: number; last_active_at: number };

const toWorkspace = (row: WorkspaceRow): Workspace => ({
	id: row.id,
	name: row.name,
	createdAt: row.created_at,
	lastActiveAt: row.last_active_at
});

/** The key that seals with an access key: derived apart from the hash that is stored. */
const sealingKey = (secret: string | Buffer) =>
	createHash('sha256').update('visiewerkplaats-seal\0').update(secret).digest();

export function seal(secret: string | Buffer, plain: Buffer): Buffer {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The sealed text, or null when the secret is not the one it was sealed with. */
export function unseal(secret: string | Buffer, sealed: Buffer): Buffer | null {
	if (sealed.length < 28) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), sealed.subarray(0, 12));
		decipher.setAuthTag(sealed.subarray(12, 28));
		return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
	} catch {
		return null;
	}
}

export class WorkspaceRepository {
	constructor(
		private readonly db: DB,
		private readonly now: () => number = Date.now
	) {}

	/** A new workspace and its first key (the owner's). */
	create(name: string): { workspace: Workspace; key: string } {
		const workspace: Workspace = {
			id: newRoomId(),
			name,
			createdAt: this.now(),
			lastActiveAt: this.now()
		};
		const vault = randomBytes(32);
		const key = newKey();
		this.db.transaction(() => {
			statement(
				this.db,
				'INSERT INTO workspaces (id, name, created_at, last_active_at) VALUES (?, ?, ?, ?)'
			).run(workspace.id, name, workspace.createdAt, workspace.lastActiveAt);
			this.insertKey(workspace.id, key, 'owner', vault);
		})();
		return { workspace, key };
	}

	private insertKey(workspaceId: string, key: string, role: WorkspaceRole, vault: Buffer): void {
		statement(
			this.db,
			'INSERT INTO workspace_keys (key_hash, workspace_id, role, sealed_vault, created_at) VALUES (?, ?, ?, ?, ?)'
		).run(hashKey(key), workspaceId, role, seal(key, vault), this.now());
	}

	/** A co-facilitator key: the same rights as the owner's. */
	addKey(workspaceId: string, vault: Buffer): string {
		const key = newKey();
		this.insertKey(workspaceId, key, 'co', vault);
		return key;
	}

	/** How many keys open the workspace, by role. */
	keyCount(workspaceId: string): { owner: number; co: number } {
		const rows = statement(
			this.db,
			'SELECT role, COUNT(*) AS n FROM workspace_keys WHERE workspace_id = ? GROUP BY role'
		).all(workspaceId) as { role: WorkspaceRole; n: number }[];
		const count = { owner: 0, co: 0 };
		for (const row of rows) count[row.role] = row.n;
		return count;
	}

	/** Takes back every co-facilitator key; returns how many. */
	revokeCoKeys(workspaceId: string): number {
		return statement(
			this.db,
			"DELETE FROM workspace_keys WHERE workspace_id = ? AND role = 'co'"
		).run(workspaceId).changes;
	}

	get(id: string): Workspace | null {
		const row = statement(this.db, 'SELECT * FROM workspaces WHERE id = ?').get(id) as
			WorkspaceRow | undefined;
		return row ? toWorkspace(row) : null;
	}

	/** What a key opens in a workspace (its role and the vault key), or null. */
	authorize(workspaceId: string, key: string): WorkspaceAccess | null {
		if (!key) return null;
		// The hash is the primary key: a lookup by it compares no secret in variable time.
		const row = statement(
			this.db,
			'SELECT role, sealed_vault FROM workspace_keys WHERE key_hash = ? AND workspace_id = ?'
		).get(hashKey(key), workspaceId) as { role: WorkspaceRole; sealed_vault: Buffer } | undefined;
		if (!row) return null;
		const vault = unseal(key, row.sealed_vault);
		return vault ? { role: row.role, vault } : null;
	}

	rename(workspaceId: string, name: string): void {
		statement(this.db, 'UPDATE workspaces SET name = ? WHERE id = ?').run(name, workspaceId);
	}

	touch(workspaceId: string): void {
		statement(this.db, 'UPDATE workspaces SET last_active_at = ? WHERE id = ?').run(
			this.now(),
			workspaceId
		);
	}

	/** Makes a room part of the workspace, its keys sealed under the vault key. */
	attachRoom(workspaceId: string, roomId: string, vault: Buffer, keys: RoomKeys): void {
		const plain = { facilitatorKey: keys.facilitatorKey, viewerKey: keys.viewerKey };
		const sealed = seal(vault, Buffer.from(JSON.stringify(plain), 'utf8'));
		statement(this.db, 'UPDATE rooms SET workspace_id = ?, sealed_keys = ? WHERE id = ?').run(
			workspaceId,
			sealed,
			roomId
		);
		this.touch(workspaceId);
	}

	/** The keys of a room of the workspace, or null when the room is not one of its rooms. */
	roomKeys(workspaceId: string, roomId: string, vault: Buffer): RoomKeys | null {
		const row = statement(
			this.db,
			'SELECT sealed_keys FROM rooms WHERE id = ? AND workspace_id = ?'
		).get(roomId, workspaceId) as { sealed_keys: Buffer | null } | undefined;
		if (!row?.sealed_keys) return null;
		const plain = unseal(vault, row.sealed_keys);
		return plain ? (JSON.parse(plain.toString('utf8')) as RoomKeys) : null;
	}

	/** The rooms of the workspace, newest first. */
	roomIds(workspaceId: string): string[] {
		const rows = statement(
			this.db,
			'SELECT id FROM rooms WHERE workspace_id = ? ORDER BY created_at DESC, id'
		).all(workspaceId) as { id: string }[];
		return rows.map((row) => row.id);
	}

	/** The workspace a room belongs to, or null. */
	workspaceOf(roomId: string): string | null {
		const row = statement(this.db, 'SELECT workspace_id FROM rooms WHERE id = ?').get(roomId) as
			{ workspace_id: string | null } | undefined;
		return row?.workspace_id ?? null;
	}

	/** Deletes the workspace row and its keys (erase its rooms first: App.eraseWorkspace). */
	delete(workspaceId: string): boolean {
		const result = statement(this.db, 'DELETE FROM workspaces WHERE id = ?').run(workspaceId);
		if (result.changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
		return result.changes > 0;
	}

	/** Workspaces without rooms whose last activity is older than `cutoff` (for retention). */
	emptyInactiveSince(cutoff: number): string[] {
		const rows = statement(
			this.db,
			`SELECT id FROM workspaces WHERE last_active_at < ?
				 AND NOT EXISTS (SELECT 1 FROM rooms WHERE rooms.workspace_id = workspaces.id)`
		).all(cutoff) as { id: string }[];
		return rows.map((row) => row.id);
	}

	/** The latest activity of any workspace, or null when there is none. */
	newestActivity(): number | null {
		const row = statement(
			this.db,
			'SELECT MAX(last_active_at) AS newest FROM workspaces'
		).get() as {
			newest: number | null;
		};
		return row.newest;
	}
}
