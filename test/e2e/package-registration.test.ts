import { readFileSync } from 'fs';
import { join } from 'path';

import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

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

	describe('what the editor shows (read from /types/nodes.json)', () => {
		let ours: INodeTypeDescription[] = [];
		const typeOf = (name: string) => {
			const found = ours.find((node) => node.name === `${PACKAGE_NAME}.${name}`);
			if (!found) throw new Error(`${name} is not registered`);
			return found;
		};
		/** The operations the editor offers for a resource: the options of every displayed Operation parameter. */
		const offered = (description: INodeTypeDescription, resource: string): string[] => {
			const node = { parameters: { resource }, typeVersion: 1 } as unknown as INode;
			const parameters = NodeHelpers.getNodeParameters(description.properties, { resource }, true, false, node, description) ?? {};
			return description.properties
				.filter((property) => property.name === 'operation')
				.filter((property) => NodeHelpers.displayParameter(parameters, property, node, description))
				.flatMap((property) => (property.options as INodePropertyOptions[]).map((option) => String(option.value)))
				// n8n's own "Custom API Call" entry, added to every node with a credential.
				.filter((value) => value !== '__CUSTOM_API_CALL__');
		};

		beforeAll(async () => {
			const response = await n8n.api.rest.get(`${n8n.baseUrl}/types/nodes.json`);
			ours = (response.data as INodeTypeDescription[]).filter((node) => node.name.startsWith(`${PACKAGE_NAME}.`));
		});

		it('offers an AI agent only the operations it can use', () => {
			const cases: Array<[string, string, string[], string[]]> = [
				['bonyChat', 'message', ['echo', 'send', 'updateStatus'], ['reply']],
				['brix', 'message', ['send'], ['handleOutcome', 'resendPending']],
				['brix', 'user', ['getInfo'], ['buildInfoReply']],
				['retailCrmBot', 'module', ['get'], ['register']],
				['retailCrmBot', 'message', ['delete', 'edit', 'getAll', 'send'], []],
			];
			for (const [name, resource, usable, nodeOnly] of cases) {
				expect(`${name} ${resource}: ${offered(typeOf(name), resource).sort().join(',')}`).toBe(
					`${name} ${resource}: ${[...usable, ...nodeOnly].sort().join(',')}`,
				);
				expect(`${name}Tool ${resource}: ${offered(typeOf(`${name}Tool`), resource).sort().join(',')}`).toBe(
					`${name}Tool ${resource}: ${[...usable].sort().join(',')}`,
				);
			}
			const waitForDelivery = (description: INodeTypeDescription) => {
				const property = description.properties.find((p) => p.name === 'waitForDelivery') as INodeProperties;
				const values = { resource: 'message', operation: 'send' };
				return NodeHelpers.displayParameter(values, property, { typeVersion: 1 } as INode, description);
			};
			expect(waitForDelivery(typeOf('brix'))).toBe(true);
			expect(waitForDelivery(typeOf('brixTool'))).toBe(false);
		});

		it('labels every option in Title Case (API values stay the values) and writes actions without articles', () => {
			const problems: string[] = [];
			const visit = (node: string, properties: Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>) => {
				for (const entry of properties) {
					if ('action' in entry && typeof entry.action === 'string' && /\b(a|an|the)\b/i.test(entry.action)) {
						problems.push(`${node}: action "${entry.action}"`);
					}
					if ('value' in entry && !('type' in entry) && !/^[A-Z0-9]/.test(entry.name)) {
						problems.push(`${node}: option "${entry.name}"`);
					}
					if ('options' in entry && Array.isArray(entry.options)) visit(node, entry.options);
					if ('values' in entry && Array.isArray(entry.values)) visit(node, entry.values);
				}
			};
			for (const node of ours) visit(node.name, node.properties);
			expect(problems).toEqual([]);
			expect(ours.filter((node) => !node.subtitle).map((node) => node.name)).toEqual([]);
		});

		it('offers yes/no filters as Any / Yes / No that filter nothing until chosen, and yes/no where the datum is boolean', () => {
			const filters = typeOf('retailCrmBot').properties.filter((p) => p.name === 'filters');
			const active = filters.flatMap((p) => (p.options as INodeProperties[]).filter((o) => ['active', 'online', 'self', 'assign'].includes(o.name)));
			expect(active.length).toBeGreaterThanOrEqual(6);
			for (const filter of active) {
				expect(`${filter.name}: ${filter.type} ${String(filter.default)}`).toBe(`${filter.name}: options any`);
				expect((filter.options as INodePropertyOptions[]).map((o) => o.name)).toEqual(['Any', 'No', 'Yes']);
			}
			const states = filters
				.flatMap((p) => p.options as INodeProperties[])
				.find((o) => o.name === 'state')?.options as INodePropertyOptions[];
			expect(states).toEqual(expect.arrayContaining([{ name: 'Left', value: 'leaved' }, { name: 'Kicked', value: 'kicked' }]));
			// BRIX's messageOutcome success is a boolean: taken from the item by default, or set to Yes / No.
			const success = typeOf('brix').properties.find((p) => p.name === 'success');
			expect(success?.default).toBe('fromItem');
			expect((success?.options as INodePropertyOptions[]).map((o) => o.value)).toEqual(['fromItem', false, true]);
		});

		it('shows the retry policy as Request Options on every action node', () => {
			for (const name of ['bonyChat', 'brix', 'retailCrmBot', 'selarti', 'uChat']) {
				const options = typeOf(name).properties.find((p) => p.name === 'requestOptions')?.options as INodeProperties[];
				expect(`${name}: ${(options ?? []).map((o) => `${o.displayName}=${String(o.default)}`).join(', ')}`).toBe(
					`${name}: Retries=3, Timeout (Seconds)=30`,
				);
			}
		});
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
