import { execFileSync } from 'child_process';
import { existsSync, mkdirSync } from 'fs';

import { ensureDatabaseTemplate } from './database-template';
import { N8N_MODE } from './mode';
import { startN8n } from './n8n-server';
import { packPackage } from './pack';
import { N8N_BIN, REPO_ROOT, RUNTIME_DIR } from './paths';
import { hasRedis } from './queue-mode';

/**
 * Builds and packs the package once per e2e run; every test file installs that tarball into its n8n. Makes the
 * database every fresh n8n starts from, once per n8n version.
 */
export default async function globalSetup(): Promise<void> {
	if (!existsSync(N8N_BIN)) {
		throw new Error(`n8n is not installed at ${N8N_BIN}: run "bash scripts/ensure-n8n.sh" (npm test does).`);
	}
	if (N8N_MODE !== 'single' && !hasRedis()) {
		throw new Error(`CHAT_BRIDGE_N8N_MODE=${N8N_MODE} needs redis-server: run "bash scripts/install-system-packages.sh".`);
	}
	mkdirSync(RUNTIME_DIR, { recursive: true });
	if (process.env.CHAT_BRIDGE_SKIP_BUILD !== 'true') {
		execFileSync('npm', ['run', 'build:dist', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
	}
	packPackage();
	await ensureDatabaseTemplate((userFolder) => startN8n({ userFolder, skipInstall: true }));
}
