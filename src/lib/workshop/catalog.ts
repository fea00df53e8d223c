import { PLACEHOLDER_WORKSHOP } from './placeholder';
import type { Workshop } from './types';

const WORKSHOPS: readonly Workshop[] = [PLACEHOLDER_WORKSHOP];

export function listWorkshops(): readonly Workshop[] {
	return WORKSHOPS;
}

export function findWorkshop(id: string): Workshop | undefined {
	return WORKSHOPS.find((workshop) => workshop.id === id);
}
