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
export const N8N_VERSION = '2.41.1';

const cacheRoot =
	process.env.CHAT_BRIDGE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), PACKAGE_NAME);

/** Folder of the pinned n8n install (scripts/ensure-n8n.sh creates it). */
export const N8N_DIR = process.env.CHAT_BRIDGE_N8N_DIR ?? join(cacheRoot, `n8n-${N8N_VERSION}`);
export const N8N_BIN = join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

/** Where the e2e setup leaves the packed package for every test file. */
export const RUNTIME_DIR = join(REPO_ROOT, '.runtime');
export const PACKED_TARBALL = join(RUNTIME_DIR, `${PACKAGE_NAME}.tgz`);

/** The type name n8n gives a node of this package installed as a community package. */
export const nodeType = (name: string) => `${PACKAGE_NAME}.${name}`;
