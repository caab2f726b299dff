import { randomUUID } from 'crypto';

import type { N8nInstance } from '../test/e2e/harness/n8n-server';
import { chain, webhookUrl } from '../test/e2e/harness/workflow';
import type { LoadRequest } from './lib/load';

export interface PreparedScenario {
	workflowId: string;
	request: LoadRequest;
	/** Whether every answered request starts one execution (false for replies the node gives alone). */
	startsExecution: boolean;
}

export interface Scenario {
	name: string;
	/** Name of the scenario this one is compared with. */
	baseline?: string;
	prepare(n8n: N8nInstance): Promise<PreparedScenario>;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

async function activated(n8n: N8nInstance, definition: ReturnType<typeof chain>, url: string) {
	const workflowId = await n8n.api.createWorkflow(definition);
	await n8n.api.activate(workflowId);
	await n8n.api.waitForWebhook(url);
	return workflowId;
}

export const WEBHOOK_BASELINE = 'n8n Webhook (respond immediately)';
export const SYNC_BASELINE = 'n8n Webhook + Respond to Webhook';

export const baselineScenarios: Scenario[] = [
	{
		name: WEBHOOK_BASELINE,
		async prepare(n8n) {
			const path = `bench-${randomUUID()}`;
			const definition = chain('bench webhook', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhook: true,
					parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				},
			]);
			const url = `${n8n.baseUrl}/webhook/${path}`;
			return {
				workflowId: await activated(n8n, definition, url),
				request: { method: 'POST', url, headers: JSON_HEADERS, body: JSON.stringify({ hello: 'world' }) },
				startsExecution: true,
			};
		},
	},
	{
		name: SYNC_BASELINE,
		async prepare(n8n) {
			const path = `bench-sync-${randomUUID()}`;
			const definition = chain('bench webhook respond', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhook: true,
					parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
				},
				{
					name: 'Respond to Webhook',
					type: 'n8n-nodes-base.respondToWebhook',
					typeVersion: 1.1,
					parameters: {
						respondWith: 'json',
						responseBody: '={{ JSON.stringify({ id: $json.body.userId, username: "bench" }) }}',
						options: {},
					},
				},
			]);
			const url = `${n8n.baseUrl}/webhook/${path}`;
			return {
				workflowId: await activated(n8n, definition, url),
				request: { method: 'POST', url, headers: JSON_HEADERS, body: JSON.stringify({ userId: 'u1' }) },
				startsExecution: true,
			};
		},
	},
];

export { activated, JSON_HEADERS, webhookUrl };
