import { execFileSync } from 'child_process';
import { readFileSync, statSync } from 'fs';
import { join } from 'path';

import { PACKED_TARBALL, REPO_ROOT } from '../test/e2e/harness/paths';

/** Milliseconds a fresh Node process needs to require n8n-workflow, then to load and instantiate `files`. */
function coldLoadMs(files: string[]): { workflowMs: number; classesMs: number } {
	const script = `
		const { performance } = require('perf_hooks');
		let t = performance.now();
		require('n8n-workflow');
		const workflowMs = performance.now() - t;
		t = performance.now();
		for (const file of ${JSON.stringify(files)}) for (const C of Object.values(require(file))) new C();
		process.stdout.write(JSON.stringify({ workflowMs, classesMs: performance.now() - t }));`;
	return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' })) as {
		workflowMs: number;
		classesMs: number;
	};
}

/** Tarball size and the time to load every node and credential class the package lists. */
export async function packageFigures(): Promise<string> {
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const files = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => join(REPO_ROOT, file));
	const { workflowMs, classesMs } = coldLoadMs(files);
	const sizeKb = statSync(PACKED_TARBALL).size / 1024;
	return [
		'| figure | value | target |',
		'|---|---:|---|',
		`| packed tarball | ${sizeKb.toFixed(1)} KB | < 150 KB |`,
		`| load + instantiate ${files.length} node and credential classes (fresh process, after n8n-workflow) | ${classesMs.toFixed(0)} ms | n8n-workflow itself: ${workflowMs.toFixed(0)} ms |`,
	].join('\n');
}
