import { execFileSync } from 'child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'fs';
import { join } from 'path';

import { PACKED_TARBALL, REPO_ROOT, RUNTIME_DIR } from './paths';

/** `npm pack` of the built package into .runtime/, the tarball a user's n8n would download. */
export function packPackage(): string {
	const packDir = join(RUNTIME_DIR, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: REPO_ROOT, stdio: 'ignore' });
	const [tarball] = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	renameSync(join(packDir, tarball), PACKED_TARBALL);
	return PACKED_TARBALL;
}
