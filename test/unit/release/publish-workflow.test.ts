import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: { push?: { tags?: string[]; branches?: string[] } } & Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const workflow = parse(read('.github/workflows/publish.yml')) as Workflow;
const jobs = Object.values(workflow.jobs);
const manifest = JSON.parse(read('package.json')) as { version: string; scripts: Record<string, string> };

/** Index of the first step whose command matches, across the job's steps; -1 when none does. */
const stepIndex = (job: Job, command: RegExp) => job.steps.findIndex((step) => command.test(step.run ?? ''));

describe('.github/workflows/publish.yml', () => {
	it('runs only for a pushed version tag', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push?.branches).toBeUndefined();
		expect(workflow.on.push?.tags).toEqual(['v*']);
	});

	it('may mint the OIDC token provenance needs and only read the repository', () => {
		for (const job of jobs) {
			expect({ ...workflow.permissions, ...job.permissions }).toEqual({ 'id-token': 'write', contents: 'read' });
		}
	});

	it('has one job that installs Node 24 for the npm registry', () => {
		expect(jobs).toHaveLength(1);
		const setupNode = jobs[0].steps.filter((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode).toHaveLength(1);
		expect(String(setupNode[0].with?.['node-version'])).toBe('24');
		expect(setupNode[0].with?.['registry-url']).toBe('https://registry.npmjs.org');
		expect(jobs[0].steps[0].uses).toMatch(/^actions\/checkout@/);
	});

	it('installs with npm ci, builds, lints, runs unit and engine tests and both scanner legs before publishing', () => {
		const [job] = jobs;
		const order = [
			/^npm ci\b/m,
			/^npm run build:dist$/m,
			/^bash scripts\/lint\.sh$/m,
			/^npx jest --selectProjects unit engine$/m,
			/^node scripts\/scan\.mjs source$/m,
			/^node scripts\/scan\.mjs tarball$/m,
			/^npm publish\b/m,
		].map((command) => stepIndex(job, command));
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(new Set(order).size).toBe(order.length);
	});

	it('publishes publicly with provenance, authenticated by the NPM_TOKEN secret', () => {
		const [job] = jobs;
		const publish = job.steps.filter((step) => /\bnpm publish\b/.test(step.run ?? ''));
		expect(publish).toHaveLength(1);
		expect(publish[0].run?.trim().split(/\s+/)).toEqual(['npm', 'publish', '--provenance', '--access', 'public']);
		expect(publish[0].env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		expect(job.steps.indexOf(publish[0])).toBe(job.steps.length - 1);
	});

	it('refers only to npm scripts and files the repository has', () => {
		const commands = jobs.flatMap((job) => job.steps.map((step) => step.run ?? '')).join('\n');
		for (const [, script] of commands.matchAll(/npm run ([\w:-]+)/g)) expect(manifest.scripts).toHaveProperty([script]);
		for (const [file] of commands.matchAll(/scripts\/[\w.-]+/g)) expect(existsSync(join(root, file))).toBe(true);
		expect(commands).toContain('CHANGELOG.md');
	});
});

describe('CHANGELOG.md', () => {
	const changelog = read('CHANGELOG.md');

	it('has an Unreleased section above the entry of the version in package.json', () => {
		const headings = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map(([, name]) => name);
		expect(headings[0]).toBe('Unreleased');
		expect(headings).toContain(manifest.version);
	});
});
