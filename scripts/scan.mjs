// n8n's community-package scanner (@n8n/scan-community-package), both legs exactly as n8n's verification runs
// them, but on this checkout instead of a published version:
// - source: `package.json` + `{nodes,credentials}/**/*.{js,ts,json}` of what the repository holds (verification
//   lints the commit the npm provenance points at, so only files git would publish are staged);
// - tarball: `**/*.js` + `package.json` of the packed package (the build in dist/, as `npm publish` ships it).
// Exits 1 on any violation. Run after a build: `npm run scan` builds first.
// Usage: node scripts/scan.mjs [source|tarball]   (default: both legs)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, '.runtime', 'scan');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'tmp'), { recursive: true });
// The scanner makes a temp folder when loaded; keep it inside the stage.
process.env.TMPDIR = join(stage, 'tmp');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function stageSource() {
	const dir = join(stage, 'source');
	const roots = ['package.json', 'nodes', 'credentials'];
	let files;
	try {
		// Tracked files plus new ones not ignored: what the next commit would hold.
		files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...roots], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		})
			.split('\0')
			.filter((file) => file && existsSync(join(root, file)));
	} catch {
		files = roots.filter((file) => existsSync(join(root, file)));
	}
	for (const file of files) cpSync(join(root, file), join(dir, file), { recursive: true });
	return dir;
}

function stageTarball() {
	if (!existsSync(join(root, 'dist'))) throw new Error('dist/ is missing: build first (npm run build)');
	const packDir = join(stage, 'pack');
	mkdirSync(packDir, { recursive: true });
	execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, stdio: 'ignore' });
	const [tarball] = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	const dir = join(stage, 'package');
	mkdirSync(dir, { recursive: true });
	execFileSync('tar', ['-xzf', join(packDir, tarball), '-C', dir, '--strip-components=1']);
	return dir;
}

const legs = [
	{ name: 'source', stage: stageSource, patterns: SOURCE_FILE_PATTERNS },
	{ name: 'tarball', stage: stageTarball, patterns: TARBALL_FILE_PATTERNS },
];
const wanted = process.argv[2];
if (wanted && !legs.some((leg) => leg.name === wanted)) {
	console.error(`usage: node scripts/scan.mjs [${legs.map((leg) => leg.name).join('|')}]`);
	process.exit(2);
}
let failed = false;
for (const leg of legs.filter((leg) => !wanted || leg.name === wanted)) {
	const result = await analyzePackage(leg.stage(), leg.patterns);
	// An empty stage would pass silently.
	if (result.passed && result.message) {
		failed = true;
		console.log(`[scan] ${leg.name}: FAILED: ${result.message}`);
	} else if (result.passed) {
		console.log(`[scan] ${leg.name}: passed (${leg.patterns.join(', ')})`);
	} else {
		failed = true;
		console.log(`[scan] ${leg.name}: FAILED: ${result.message}`);
		if (result.details) console.log(result.details);
	}
}
rmSync(stage, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
