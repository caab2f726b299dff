import { existsSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';

export const PACKAGE_NAME = 'n8n-nodes-chat-bridge';

/** The checkout this code runs from (also when compiled into .runtime/tools). */
function findRepoRoot(start: string): string {
	for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
			return dir;
		}
	}
	throw new Error(`no ${PACKAGE_NAME} checkout above ${start}`);
}

export const REPO_ROOT = findRepoRoot(__dirname);
/** The n8n version the project is developed and released against (scripts/runtime-env.sh). */
export const PINNED_N8N_VERSION = '2.41.1';

/** The per-user cache of scripts/runtime-env.sh (Node 24, n8n installs). */
export const CACHE_ROOT =
	process.env.CHAT_BRIDGE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), PACKAGE_NAME);

/**
 * Folder of the n8n install the tests start (scripts/ensure-n8n.sh creates it): the pinned one, or another
 * version of the supported range when CHAT_BRIDGE_N8N_DIR points at it (npm run test:compat).
 */
export const N8N_DIR = process.env.CHAT_BRIDGE_N8N_DIR ?? join(CACHE_ROOT, `n8n-${PINNED_N8N_VERSION}`);
export const N8N_BIN = join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

function installedVersion(): string {
	const manifest = join(N8N_DIR, 'node_modules', 'n8n', 'package.json');
	return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : PINNED_N8N_VERSION;
}

/** Version of the n8n in N8N_DIR. */
export const N8N_VERSION = installedVersion();

/** -1, 0 or 1 as version `a` is older than, equal to or newer than `b` (plain x.y.z). */
export function compareVersions(a: string, b: string): number {
	const [pa, pb] = [a, b].map((version) => version.split('.').map((part) => parseInt(part, 10) || 0));
	for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0) ? -1 : 1;
	return 0;
}

/**
 * n8n before 2.41.1 (back to 1.123.81, the oldest supported) knows no `mcp-registry` module (disabling it makes
 * n8n exit), may still run migrations after readiness answers (wait for /rest/settings), and its public API
 * requires `allowedHttpRequestDomains` in the data of a new credential.
 */
export const N8N_BEFORE_2_41 = compareVersions(N8N_VERSION, '2.41.1') < 0;

/** Where the e2e setup leaves the packed package for every test file. */
export const RUNTIME_DIR = join(REPO_ROOT, '.runtime');
export const PACKED_TARBALL = join(RUNTIME_DIR, `${PACKAGE_NAME}.tgz`);

/** The type name n8n gives a node of this package installed as a community package. */
export const nodeType = (name: string) => `${PACKAGE_NAME}.${name}`;
