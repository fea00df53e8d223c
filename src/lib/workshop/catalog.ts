import { loadWorkshops } from './files';
import type { Workshop } from './types';

let cache: readonly Workshop[] | null = null;

/** The installed workshops, read once. A bad file stops the server with its file and line. */
export function listWorkshops(): readonly Workshop[] {
	if (!cache) {
		const { workshops, errors } = loadWorkshops();
		if (errors.length)
			throw new Error(`invalid workshop files:\n${errors.map((e) => e.message).join('\n')}`);
		cache = workshops;
	}
	return cache;
}

/** Looks a workshop up by id; ids are checked against the list, so no id can name a path. */
export function findWorkshop(id: string): Workshop | undefined {
	return listWorkshops().find((workshop) => workshop.id === id);
}
