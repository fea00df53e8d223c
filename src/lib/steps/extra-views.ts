// The views of ./extra-kinds.ts: none. With STEP_FIXTURES=<folder>, <folder>/views.ts instead.
import type { StepViews } from './view-types';

export const extraViews: Readonly<Record<string, StepViews>> = {};
