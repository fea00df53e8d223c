// Step kinds from outside this folder, added to a build on purpose: none. A build made with
// STEP_FIXTURES=<folder> (the end-to-end tests: tests/fixtures/steps) takes <folder>/kinds.ts
// instead (./extra-plugin.ts), so a test's demo kind runs in the real app through the registry.
import type { StepKind } from './kind';

export const extraKinds: readonly StepKind[] = [];
