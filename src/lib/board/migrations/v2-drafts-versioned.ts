import type { Migration } from './types';

/**
 * Version 2: every document a client opens carries its version, the participant's draft too,
 * so a browser can tell that the server's document is newer than its code (client/version.ts).
 * Fixture of the old shape: tests/fixtures/board-v1 (a draft without a version).
 */
export const v2: Migration = {
	version: 2,
	why: 'drafts carry a schema version too',
	up: {}
};
