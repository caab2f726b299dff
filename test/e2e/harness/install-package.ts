import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { PACKAGE_NAME, PACKED_TARBALL } from './paths';

/**
 * Installs the packed package into `<userFolder>/.n8n/nodes` the way n8n's community-package installer
 * does: unpack into node_modules/<name>, drop dev, peer and optional dependencies, `npm install
 * --ignore-scripts` inside it, and record the version in the nodes folder's package.json.
 */
export function installPackage(userFolder: string, tarball = PACKED_TARBALL): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '--strip-components=1', '-C', packageDir]);

	const manifestPath = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	execFileSync('npm', ['install', '--ignore-scripts', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: packageDir,
		stdio: 'ignore',
	});

	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2),
	);
	return packageDir;
}
