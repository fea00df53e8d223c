import type { Migration } from './types';

/** Version 1: the board and control documents carry a version (nothing else changes). */
export const v1: Migration = {
	version: 1,
	why: 'board and control carry a schema version',
	up: {}
};
