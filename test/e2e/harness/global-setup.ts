import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'fs';
import { join } from 'path';

import { N8N_BIN, PACKED_TARBALL, REPO_ROOT, RUNTIME_DIR } from './paths';

/** Builds and packs the package once per e2e run; every test file installs that tarball into its n8n. */
export default function globalSetup(): void {
	if (!existsSync(N8N_BIN)) {
		throw new Error(`n8n is not installed at ${N8N_BIN}: run "bash scripts/ensure-n8n.sh" (npm test does).`);
	}
	mkdirSync(RUNTIME_DIR, { recursive: true });
	if (process.env.CHAT_BRIDGE_SKIP_BUILD !== 'true') {
		execFileSync('npm', ['run', 'build:dist', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
	}
	const packDir = join(RUNTIME_DIR, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: REPO_ROOT, stdio: 'ignore' });
	const [tarball] = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	renameSync(join(packDir, tarball), PACKED_TARBALL);
}
