// The document schema's migrations, in order. To change the shape of a document: add
// `v<N>-<what>.ts` with a fixture of the old shape (tests/fixtures/), append it here, and the
// server raises every document it reads (sync, report, import, drafts) before anyone sees it.
import { v1 } from './v1-stamp';
import { v2 } from './v2-drafts-versioned';
import { v3 } from './v3-projector-remote';
import type { Migration } from './types';

export type { Migration, VersionedDoc } from './types';

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3];
