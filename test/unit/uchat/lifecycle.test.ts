import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, IHookFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { UChatTrigger } from '../../../nodes/UChat/UChatTrigger.node';
import { automaticVerificationKey } from '../../../nodes/UChat/verify';
import { UChatSimulator } from '../../simulators/uchat';

/** An IHookFunctions stand-in whose HTTP goes to the simulator with the partner credential's Bearer header. */
function hookContext(options: {
	sim: UChatSimulator;
	ownUrl: string;
	mode: 'trigger' | 'manual';
	parameters?: IDataObject;
	staticData?: IDataObject;
	webhookId?: string;
}): IHookFunctions {
	const parameters: IDataObject = { registration: 'automatic', workspaceId: 'ws-1', allowTestTakeover: false, ...options.parameters };
	const staticData = options.staticData ?? {};
	const credentials = { baseUrl: options.sim.url, apiKey: options.sim.partnerKey };
	return {
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async () => credentials,
		getNodeWebhookUrl: () => options.ownUrl,
		getMode: () => options.mode,
		getNode: () => ({ id: 'node-1', name: 'UChat Trigger', webhookId: options.webhookId ?? 'hook-1', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
		getWorkflow: () => ({ id: 'wf-1', active: true }),
		getWorkflowStaticData: () => staticData,
		logger: { warn: () => undefined, error: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
				const response = await fetch(request.url, {
					method: request.method ?? 'GET',
					headers: { authorization: `Bearer ${credentials.apiKey}`, 'content-type': 'application/json' },
					body: request.body ? JSON.stringify(request.body) : undefined,
				});
				const text = await response.text();
				return { statusCode: response.status, headers: {}, body: text ? JSON.parse(text) : undefined };
			},
		},
	} as unknown as IHookFunctions;
}

/** A webhook endpoint that answers UChat's verification with the node's derived key. */
async function verifyingEndpoint(key: string): Promise<{ url: string; server: Server }> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
			if (params.get('hub_verify_token') === key) {
				res.writeHead(200, { 'content-type': 'text/plain' });
				res.end(params.get('hub_challenge'));
			} else {
				res.writeHead(403);
				res.end();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('UChat Trigger webhook lifecycle (automatic registration)', () => {
	const methods = new UChatTrigger().webhookMethods.default;
	let sim: UChatSimulator;
	let endpoint: { url: string; server: Server };
	const key = () => automaticVerificationKey(sim.partnerKey, 'wf-1', 'node-1');

	beforeEach(async () => {
		sim = new UChatSimulator();
		await sim.start();
		endpoint = await verifyingEndpoint(automaticVerificationKey(sim.partnerKey, 'wf-1', 'node-1'));
	});
	afterEach(async () => {
		await sim.stop();
		endpoint.server.close();
	});

	it('registers, is then found by checkExists, and delete removes it', async () => {
		const own = `${endpoint.url}/webhook/hook-1/webhook`;
		const staticData: IDataObject = {};
		const ctx = hookContext({ sim, ownUrl: own, mode: 'trigger', staticData });
		expect(await methods.checkExists.call(ctx)).toBe(false);
		expect(await methods.create.call(ctx)).toBe(true);
		expect(sim.registration('ws-1')).toMatchObject({ webhook_url: own, webhook_verification_key: key(), webhook_status: 'verified' });
		expect(staticData.botUrl).toBe(sim.registration('ws-1').bot_url);
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(sim.registration('ws-1').webhook_url).toBe('');
		expect(staticData.botUrl).toBeUndefined();
		// idempotent: a second delete finds nothing of ours and does not call DELETE again
		const deletes = sim.partnerRequests().filter((r) => r.method === 'DELETE').length;
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(sim.partnerRequests().filter((r) => r.method === 'DELETE').length).toBe(deletes);
	});

	it('checkExists is false when the registration has another key or is not verified', async () => {
		const own = `${endpoint.url}/webhook/hook-1/webhook`;
		const ctx = hookContext({ sim, ownUrl: own, mode: 'trigger' });
		sim.setRegistration('ws-1', { webhook_url: own, webhook_verification_key: 'old', webhook_status: 'verified' });
		expect(await methods.checkExists.call(ctx)).toBe(false);
		sim.setRegistration('ws-1', { webhook_url: own, webhook_verification_key: key(), webhook_status: 'pending' });
		expect(await methods.checkExists.call(ctx)).toBe(false);
	});

	it('delete leaves a registration that points elsewhere', async () => {
		const ctx = hookContext({ sim, ownUrl: `${endpoint.url}/webhook/hook-1/webhook`, mode: 'trigger' });
		sim.setRegistration('ws-1', { webhook_url: 'https://other.example.com/hook', webhook_verification_key: 'x', webhook_status: 'verified' });
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(sim.registration('ws-1').webhook_url).toBe('https://other.example.com/hook');
		expect(sim.partnerRequests().some((r) => r.method === 'DELETE')).toBe(false);
	});

	it('in test mode refuses to take over the production registration of this node', async () => {
		const production = `${endpoint.url}/webhook/hook-1/webhook`;
		sim.setRegistration('ws-1', { webhook_url: production, webhook_verification_key: key(), webhook_status: 'verified' });
		const ctx = hookContext({ sim, ownUrl: `${endpoint.url}/webhook-test/hook-1/webhook`, mode: 'manual' });
		await expect(methods.create.call(ctx)).rejects.toThrow(/production URL/);
		expect(sim.registration('ws-1').webhook_url).toBe(production);
		expect(sim.partnerRequests().some((r) => r.method === 'POST')).toBe(false);
	});

	it('in test mode takes over when allowed, and test delete leaves a later production registration alone', async () => {
		const production = `${endpoint.url}/webhook/hook-1/webhook`;
		const testUrl = `${endpoint.url}/webhook-test/hook-1/webhook`;
		sim.setRegistration('ws-1', { webhook_url: production, webhook_verification_key: key(), webhook_status: 'verified' });
		const ctx = hookContext({ sim, ownUrl: testUrl, mode: 'manual', parameters: { allowTestTakeover: true } });
		expect(await methods.create.call(ctx)).toBe(true);
		expect(sim.registration('ws-1').webhook_url).toBe(testUrl);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(sim.registration('ws-1').webhook_url).toBe('');
	});

	it('in test mode registers when the workspace has no webhook or a foreign one', async () => {
		const testUrl = `${endpoint.url}/webhook-test/hook-1/webhook`;
		const ctx = hookContext({ sim, ownUrl: testUrl, mode: 'manual' });
		expect(await methods.create.call(ctx)).toBe(true);
		expect(sim.registration('ws-1').webhook_url).toBe(testUrl);
	});

	it('refuses to publish over a registration of another workflow or system, unless told to replace it', async () => {
		const own = `${endpoint.url}/webhook/hook-1/webhook`;
		for (const other of ['https://other.example.com/hook', `${endpoint.url}/webhook/hook-2/webhook`]) {
			sim.setRegistration('ws-1', { webhook_url: other, webhook_verification_key: 'x', webhook_status: 'verified' });
			const ctx = hookContext({ sim, ownUrl: own, mode: 'trigger' });
			await expect(methods.create.call(ctx)).rejects.toThrow(/already points to another URL/);
			expect(sim.registration('ws-1').webhook_url).toBe(other);
		}
		expect(sim.partnerRequests().some((r) => r.method === 'POST')).toBe(false);
		const staticData: IDataObject = {};
		const replacing = hookContext({ sim, ownUrl: own, mode: 'trigger', staticData, parameters: { replaceOtherRegistration: true } });
		expect(await methods.create.call(replacing)).toBe(true);
		expect(sim.registration('ws-1').webhook_url).toBe(own);
		expect(staticData.registeredKey).toBe(key());
	});

	it('re-registers its own earlier URL (another host name) without asking', async () => {
		sim.setRegistration('ws-1', { webhook_url: 'https://old-host.example.com/webhook/hook-1/webhook', webhook_verification_key: 'x', webhook_status: 'verified' });
		const ctx = hookContext({ sim, ownUrl: `${endpoint.url}/webhook/hook-1/webhook`, mode: 'trigger' });
		expect(await methods.create.call(ctx)).toBe(true);
	});

	it('fails activation visibly when UChat cannot verify the URL', async () => {
		const unreachable = hookContext({ sim, ownUrl: 'http://127.0.0.1:9/webhook/hook-1/webhook', mode: 'trigger' });
		await expect(methods.create.call(unreachable)).rejects.toThrow(/UChat/);
		expect(sim.registration('ws-1').webhook_url).toBe('');
		expect(sim.verifications.pop()).toMatchObject({ ok: false });
	});

	it('propagates partner API errors (wrong key) instead of swallowing them', async () => {
		const ctx = hookContext({ sim, ownUrl: `${endpoint.url}/webhook/hook-1/webhook`, mode: 'trigger' });
		(sim as unknown as { partnerKey: string }).partnerKey = 'rotated';
		await expect(methods.checkExists.call(ctx)).rejects.toThrow(/401/);
		await expect(methods.delete.call(ctx)).rejects.toThrow(/401/);
	});

	it('manual registration never calls the partner API', async () => {
		const ctx = hookContext({ sim, ownUrl: 'http://x/webhook/hook-1/webhook', mode: 'trigger', parameters: { registration: 'manual' } });
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(await methods.create.call(ctx)).toBe(true);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(sim.requests).toHaveLength(0);
	});
});
