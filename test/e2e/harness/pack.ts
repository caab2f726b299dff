import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'fs';
import { join } from 'path';

import { PACKED_TARBALL, REPO_ROOT, RUNTIME_DIR } from './paths';

/**
 * `npm pack` of the built package into .runtime/, the tarball a user's n8n would download. Each call packs into its
 * own folder and renames the result into place, so test runs that start side by side never read a half-written file.
 */
export function packPackage(): string {
	mkdirSync(RUNTIME_DIR, { recursive: true });
	const packDir = mkdtempSync(join(RUNTIME_DIR, 'pack-'));
	try {
		execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: REPO_ROOT, stdio: 'ignore' });
		const [tarball] = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
		if (!tarball) throw new Error('npm pack produced no tarball');
		renameSync(join(packDir, tarball), PACKED_TARBALL);
		return PACKED_TARBALL;
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}
