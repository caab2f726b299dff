import { homedir } from 'os';
import { join, resolve } from 'path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-chat-bridge';
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
