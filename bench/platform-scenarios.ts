import { createHmac } from 'crypto';

import { randomUUID } from 'crypto';

import { OUTGOING_SAMPLES } from '../test/simulators/bonychat';
import { webhookPayload } from '../test/simulators/selarti';
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

const BONYCHAT_TOKEN = 'bench-respond-token';

async function bonyChatCredential(n8n: N8nInstance) {
	return n8n.api.createCredential('bonyChatApi', {
		channelId: OUTGOING_SAMPLES.text.channelId,
		apiToken: BONYCHAT_TOKEN,
		webhookUrl: 'http://127.0.0.1:9/custom/channel/webhook/',
	});
}

function bonyChatRequest(url: string) {
	return {
		method: 'POST' as const,
		url,
		headers: { ...JSON_HEADERS, authorization: `Bearer ${BONYCHAT_TOKEN}` },
		body: JSON.stringify(OUTGOING_SAMPLES.text),
	};
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
	{
		name: 'BonyChat Trigger: /message, mId at once',
		baseline: WEBHOOK_BASELINE,
		async prepare(n8n) {
			const definition = chain('bench bonychat message', [
				{
					name: 'BonyChat Trigger',
					type: nodeType('bonyChatTrigger'),
					webhook: true,
					parameters: { replyMode: 'immediately' },
					credentials: { bonyChatApi: await bonyChatCredential(n8n) },
				},
			]);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0], 'message');
			return { workflowId: await activated(n8n, definition, url), request: bonyChatRequest(url), startsExecution: true };
		},
	},
	{
		name: 'BonyChat Trigger: mId from the workflow',
		baseline: SYNC_BASELINE,
		async prepare(n8n) {
			const definition = chain('bench bonychat mId', [
				{
					name: 'BonyChat Trigger',
					type: nodeType('bonyChatTrigger'),
					webhook: true,
					parameters: { replyMode: 'lastNode' },
					credentials: { bonyChatApi: await bonyChatCredential(n8n) },
				},
				{
					name: 'Reply',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					parameters: {
						mode: 'manual',
						includeOtherFields: false,
						assignments: {
							assignments: [{ id: randomUUID(), name: 'mId', type: 'string', value: '={{ "dest-" + $json.chatId }}' }],
						},
						options: {},
					},
				},
			]);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0], 'message');
			return { workflowId: await activated(n8n, definition, url), request: bonyChatRequest(url), startsExecution: true };
		},
	},
	{
		name: 'Selarti Trigger: AI reply',
		baseline: WEBHOOK_BASELINE,
		async prepare(n8n) {
			const secret = 'bench-selarti-secret';
			const credential = await n8n.api.createCredential('selartiApi', {
				baseUrl: 'http://127.0.0.1:9',
				apiToken: 'bench-token',
				webhookSecret: secret,
			});
			const definition = chain('bench selarti', [
				{ name: 'Selarti Trigger', type: nodeType('selartiTrigger'), webhook: true, parameters: {}, credentials: { selartiApi: credential } },
			]);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0]);
			return {
				workflowId: await activated(n8n, definition, url),
				request: {
					method: 'POST',
					url: `${url}?secret=${secret}`,
					headers: JSON_HEADERS,
					body: JSON.stringify(webhookPayload()),
				},
				startsExecution: true,
			};
		},
	},
	{
		name: 'retailCRM Module Trigger: activity callback',
		baseline: WEBHOOK_BASELINE,
		async prepare(n8n) {
			const definition = chain('bench retailcrm activity', [
				{ name: 'Module', type: nodeType('retailCrmModuleTrigger'), webhook: true, parameters: { clientId: 'bench-client' } },
			]);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0]);
			const body = new URLSearchParams({
				clientId: 'bench-client',
				activity: '{"active":true,"freeze":false}',
				systemUrl: 'https://shop.retailcrm.ru',
			}).toString();
			return {
				workflowId: await activated(n8n, definition, url),
				request: { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
				startsExecution: true,
			};
		},
	},
];
