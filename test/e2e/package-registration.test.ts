import { readFileSync } from 'fs';
import { join } from 'path';

import { startN8n, type N8nInstance } from './harness/n8n-server';
import { N8N_VERSION, PACKAGE_NAME, REPO_ROOT } from './harness/paths';

interface Manifest {
	n8n: { nodes: string[]; credentials: string[] };
}

/** The `name` each compiled class declares, read from the built files the tarball ships. */
function declaredNames(files: string[], kind: 'node' | 'credential'): string[] {
	return files.map((file) => {
		const module = require(join(REPO_ROOT, file)) as Record<string, new () => { description?: { name: string }; name?: string }>;
		const instance = new (Object.values(module)[0])();
		const name = kind === 'node' ? instance.description?.name : instance.name;
		if (!name) throw new Error(`${file} declares no name`);
		return name;
	});
}

describe('package installed as a community package in real n8n', () => {
	let n8n: N8nInstance;
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

	beforeAll(async () => {
		n8n = await startN8n();
	});
	afterAll(async () => {
		await n8n?.stop();
	});

	it(`runs in the n8n installed in the harness's n8n folder (${N8N_VERSION})`, async () => {
		const response = await n8n.api.rest.get('/settings');
		expect(response.status).toBe(200);
		expect((response.data as { data: { versionCli: string } }).data.versionCli).toBe(N8N_VERSION);
	});

	it('lists at least one node and credential', () => {
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
	});

	it('registers every node type under the package name', async () => {
		const response = await n8n.api.rest.get(`${n8n.baseUrl}/types/nodes.json`);
		expect(response.status).toBe(200);
		const registered = new Set((response.data as Array<{ name: string }>).map((node) => node.name));
		for (const name of declaredNames(manifest.n8n.nodes, 'node')) {
			expect(registered).toContain(`${PACKAGE_NAME}.${name}`);
		}
	});

	it('makes every node findable by the brand names users search for (codex aliases)', async () => {
		const response = await n8n.api.rest.get(`${n8n.baseUrl}/types/nodes.json`);
		const ours = (response.data as Array<{ name: string; codex?: { alias?: string[] } }>).filter((node) =>
			node.name.startsWith(`${PACKAGE_NAME}.`),
		);
		const aliasesOf = (name: string) => ours.find((node) => node.name === `${PACKAGE_NAME}.${name}`)?.codex?.alias ?? [];
		for (const [name, brand] of [
			['bonyChat', 'respond.io'],
			['bonyChatTrigger', 'respond.io'],
			['brix', 'ELMA365'],
			['brixTrigger', 'ELMA365'],
			['retailCrmBot', 'Simla'],
			['retailCrmBotTrigger', 'Simla'],
			['retailCrmModuleTrigger', 'Simla'],
		]) {
			expect(`${name}: ${aliasesOf(name).includes(brand)}`).toBe(`${name}: true`);
		}
		for (const node of ours) expect(`${node.name}: ${(node.codex?.alias ?? []).length > 0}`).toBe(`${node.name}: true`);
	});

	it('registers every credential type', async () => {
		const response = await n8n.api.rest.get(`${n8n.baseUrl}/types/credentials.json`);
		expect(response.status).toBe(200);
		const registered = new Set((response.data as Array<{ name: string }>).map((credential) => credential.name));
		for (const name of declaredNames(manifest.n8n.credentials, 'credential')) {
			expect(registered).toContain(name);
		}
	});
});
