import { createHmac } from 'crypto';

import { inbound } from '../test/simulators/uchat/payloads';
import type { N8nInstance } from '../test/e2e/harness/n8n-server';
import { nodeType } from '../test/e2e/harness/paths';
import { chain, webhookUrl } from '../test/e2e/harness/workflow';
import { activated, JSON_HEADERS, SYNC_BASELINE, WEBHOOK_BASELINE, type Scenario } from './scenarios';

const BRIX_CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';
const BRIX_TOKEN = 'bench-confirm';

async function brixCredential(n8n: N8nInstance) {
	return n8n.api.createCredential('brixApi', { token: BRIX_TOKEN, baseUrl: 'http://127.0.0.1:9', channelId: BRIX_CHANNEL });
}

/** One scenario per webhook trigger of the package, each compared with n8n's own Webhook node. */
export const platformScenarios: Scenario[] = [
	{
		name: 'BRIX Trigger: operator message',
		baseline: WEBHOOK_BASELINE,
		async prepare(n8n) {
			const definition = chain('bench brix message', [
				{
					name: 'BRIX Trigger',
					type: nodeType('brixTrigger'),
					webhook: true,
					parameters: {},
					credentials: { brixApi: await brixCredential(n8n) },
				},
			]);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0]);
			const body = {
				type: 'message',
				token: BRIX_TOKEN,
				channelId: BRIX_CHANNEL,
				data: { targetChatId: 'chat1', text: 'Hello from the operator' },
			};
			return {
				workflowId: await activated(n8n, definition, url),
				request: { method: 'POST', url, headers: JSON_HEADERS, body: JSON.stringify(body) },
				startsExecution: true,
			};
		},
	},
	{
		name: 'BRIX Trigger: userInfo answered by the workflow',
		baseline: SYNC_BASELINE,
		async prepare(n8n) {
			const definition = chain('bench brix userInfo', [
				{
					name: 'BRIX Trigger',
					type: nodeType('brixTrigger'),
					webhook: true,
					parameters: { userInfoAnswer: 'workflow', events: ['userInfo'] },
					credentials: { brixApi: await brixCredential(n8n) },
				},
				{
					name: 'BRIX',
					type: nodeType('brix'),
					parameters: { resource: 'user', operation: 'buildInfoReply', username: 'bench' },
				},
			]);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0]);
			const body = { type: 'userInfo', token: BRIX_TOKEN, channelId: BRIX_CHANNEL, data: { userId: 'u1' } };
			return {
				workflowId: await activated(n8n, definition, url),
				request: { method: 'POST', url, headers: JSON_HEADERS, body: JSON.stringify(body) },
				startsExecution: true,
			};
		},
	},
	{
		name: 'UChat Trigger: signed bot message',
		baseline: WEBHOOK_BASELINE,
		async prepare(n8n) {
			const key = 'bench-verification-key';
			const definition = chain('bench uchat message', [
				{
					name: 'UChat Trigger',
					type: nodeType('uChatTrigger'),
					webhook: true,
					parameters: { registration: 'manual', verificationKey: key },
				},
			]);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0]);
			const body = JSON.stringify(inbound.text);
			const signature = `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
			return {
				workflowId: await activated(n8n, definition, url),
				request: { method: 'POST', url, headers: { ...JSON_HEADERS, 'x-hub-signature-256': signature }, body },
				startsExecution: true,
			};
		},
	},
];
