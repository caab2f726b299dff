import { createHmac, randomUUID } from 'crypto';

import { OUTGOING_SAMPLES } from '../test/simulators/bonychat';
import { webhookPayload } from '../test/simulators/selarti';
import { inbound } from '../test/simulators/uchat/payloads';
import type { N8nInstance } from '../test/e2e/harness/n8n-server';
import { nodeType } from '../test/e2e/harness/paths';
import { chain, webhookUrl, type NodeSpec } from '../test/e2e/harness/workflow';
import type { LoadRequest } from './lib/load';
import { activated, JSON_HEADERS, peerScenario, SYNC_BASELINE, type Scenario } from './scenarios';

const BRIX_CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';
const BRIX_TOKEN = 'bench-confirm';
const UCHAT_KEY = 'bench-verification-key';
const BONYCHAT_TOKEN = 'bench-respond-token';
const SELARTI_SECRET = 'bench-selarti-secret';
const RETAILCRM_CLIENT = 'bench-client';

/**
 * One platform contract: the trigger workflow, the request the platform sends (with `marker` in a field the
 * trigger outputs, so a kill test can match executions to acknowledged deliveries), and the Code node check a
 * user would write for the same request.
 */
interface Target {
	trigger: string;
	workflow(n8n: N8nInstance): Promise<{ nodes: NodeSpec[]; path?: string }>;
	delivery(url: string, marker: string): LoadRequest;
	peer: { check: string; rawBody: boolean };
}

const json = (url: string, body: unknown, headers: Record<string, string> = {}): LoadRequest => ({
	method: 'POST',
	url,
	headers: { ...JSON_HEADERS, ...headers },
	body: JSON.stringify(body),
});

const brixBody = (marker: string) => ({
	type: 'message',
	token: BRIX_TOKEN,
	channelId: BRIX_CHANNEL,
	data: { targetChatId: 'chat1', text: `Hello from the operator ${marker}` },
});

function uchatDelivery(url: string, marker: string): LoadRequest {
	const body = JSON.stringify({ ...inbound.text, text: `${inbound.text.text} ${marker}` });
	const signature = `sha256=${createHmac('sha256', UCHAT_KEY).update(body).digest('hex')}`;
	return { method: 'POST', url, headers: { ...JSON_HEADERS, 'x-hub-signature-256': signature }, body };
}

const bonyChatDelivery = (url: string, marker: string) =>
	json(
		url,
		{ ...OUTGOING_SAMPLES.text, message: { ...OUTGOING_SAMPLES.text.message, text: `Hello World ${marker}` } },
		{ authorization: `Bearer ${BONYCHAT_TOKEN}` },
	);

const brixCredential = (n8n: N8nInstance) =>
	n8n.api.createCredential('brixApi', { token: BRIX_TOKEN, baseUrl: 'http://127.0.0.1:9', channelId: BRIX_CHANNEL });

const bonyChatCredential = (n8n: N8nInstance) =>
	n8n.api.createCredential('bonyChatApi', {
		channelId: OUTGOING_SAMPLES.text.channelId,
		apiToken: BONYCHAT_TOKEN,
		webhookUrl: 'http://127.0.0.1:9/custom/channel/webhook/',
	});

/** Code node checks as a user would write them: same secret, constant-time where the platform signs. */
const TARGETS: Target[] = [
	{
		trigger: 'BRIX Trigger',
		async workflow(n8n) {
			return {
				nodes: [
					{ name: 'BRIX Trigger', type: nodeType('brixTrigger'), webhook: true, parameters: {}, credentials: { brixApi: await brixCredential(n8n) } },
				],
			};
		},
		delivery: (url, marker) => json(url, brixBody(marker)),
		peer: {
			rawBody: false,
			check: `const body = $input.first().json.body;
const valid = body.token === '${BRIX_TOKEN}' && body.channelId === '${BRIX_CHANNEL}';
return [{ json: { ...body, valid } }];`,
		},
	},
	{
		trigger: 'UChat Trigger',
		async workflow() {
			return {
				nodes: [
					{ name: 'UChat Trigger', type: nodeType('uChatTrigger'), webhook: true, parameters: { registration: 'manual', verificationKey: UCHAT_KEY } },
				],
			};
		},
		delivery: uchatDelivery,
		peer: {
			rawBody: true,
			check: `const crypto = require('crypto');
const item = $input.first();
const raw = await this.helpers.getBinaryDataBuffer(0, 'data');
const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', '${UCHAT_KEY}').update(raw).digest('hex'));
const given = Buffer.from(String(item.json.headers['x-hub-signature-256'] ?? ''));
const valid = given.length === expected.length && crypto.timingSafeEqual(given, expected);
return [{ json: { ...item.json.body, valid } }];`,
		},
	},
	{
		trigger: 'BonyChat Trigger',
		async workflow(n8n) {
			return {
				nodes: [
					{
						name: 'BonyChat Trigger',
						type: nodeType('bonyChatTrigger'),
						webhook: true,
						parameters: { replyMode: 'immediately' },
						credentials: { bonyChatApi: await bonyChatCredential(n8n) },
					},
				],
				path: 'message',
			};
		},
		delivery: bonyChatDelivery,
		peer: {
			rawBody: false,
			check: `const item = $input.first().json;
const valid = item.headers.authorization === 'Bearer ${BONYCHAT_TOKEN}';
return [{ json: { ...item.body, valid } }];`,
		},
	},
	{
		trigger: 'Selarti Trigger',
		async workflow(n8n) {
			const credential = await n8n.api.createCredential('selartiApi', {
				baseUrl: 'http://127.0.0.1:9',
				apiToken: 'bench-token',
				webhookSecret: SELARTI_SECRET,
			});
			return {
				nodes: [{ name: 'Selarti Trigger', type: nodeType('selartiTrigger'), webhook: true, parameters: {}, credentials: { selartiApi: credential } }],
			};
		},
		delivery: (url, marker) => json(`${url}?secret=${SELARTI_SECRET}`, webhookPayload({ message_text: `AI reply ${marker}` })),
		peer: {
			rawBody: false,
			check: `const item = $input.first().json;
const valid = item.query.secret === '${SELARTI_SECRET}';
return [{ json: { ...item.body, valid } }];`,
		},
	},
	{
		trigger: 'retailCRM Module Trigger',
		async workflow() {
			return {
				nodes: [{ name: 'Module', type: nodeType('retailCrmModuleTrigger'), webhook: true, parameters: { clientId: RETAILCRM_CLIENT } }],
			};
		},
		delivery: (url, marker) => ({
			method: 'POST',
			url,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				clientId: RETAILCRM_CLIENT,
				activity: '{"active":true,"freeze":false}',
				systemUrl: `https://${marker}.retailcrm.ru`,
			}).toString(),
		}),
		peer: {
			rawBody: false,
			check: `const item = $input.first().json;
const activity = JSON.parse(item.body.activity ?? '{}');
const valid = item.body.clientId === '${RETAILCRM_CLIENT}' && typeof activity.active === 'boolean';
return [{ json: { ...item.body, ...activity, valid } }];`,
		},
	},
];

export const peerName = (trigger: string) => `Webhook + Code + IF (${trigger} check)`;

function triggerScenario(target: Target): Scenario {
	return {
		name: target.trigger,
		kind: 'trigger',
		peer: peerName(target.trigger),
		async prepare(n8n) {
			const { nodes, path } = await target.workflow(n8n);
			const definition = chain(`bench ${target.trigger}`, nodes);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0], path);
			const delivery = (marker: string) => target.delivery(url, marker);
			return { workflowId: await activated(n8n, definition, url), request: delivery('bench'), delivery };
		},
	};
}

/** The package's webhook triggers, each answering on its own (no workflow reply). */
export const triggerScenarios: Scenario[] = TARGETS.map(triggerScenario);

/** For every trigger, the Webhook + Code + IF workflow that checks the same request. */
export const peerScenarios: Scenario[] = TARGETS.map((target) =>
	peerScenario(peerName(target.trigger), { ...target.peer, delivery: target.delivery }),
);

/** Replies the workflow gives (n8n's "last node" mode), compared with Webhook + Respond to Webhook. */
export const syncScenarios: Scenario[] = [
	{
		name: 'BRIX Trigger: userInfo answered by the workflow',
		kind: 'sync',
		peer: SYNC_BASELINE,
		async prepare(n8n) {
			const definition = chain('bench brix userInfo', [
				{
					name: 'BRIX Trigger',
					type: nodeType('brixTrigger'),
					webhook: true,
					parameters: { userInfoAnswer: 'workflow', events: ['userInfo'] },
					credentials: { brixApi: await brixCredential(n8n) },
				},
				{ name: 'BRIX', type: nodeType('brix'), parameters: { resource: 'user', operation: 'buildInfoReply', username: 'bench' } },
			]);
			const url = webhookUrl(n8n.baseUrl, definition.nodes[0]);
			const delivery = (marker: string) =>
				json(url, { type: 'userInfo', token: BRIX_TOKEN, channelId: BRIX_CHANNEL, data: { userId: marker } });
			return { workflowId: await activated(n8n, definition, url), request: delivery('u1'), delivery };
		},
	},
	{
		name: 'BonyChat Trigger: mId from the workflow',
		kind: 'sync',
		peer: SYNC_BASELINE,
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
			const delivery = (marker: string) => bonyChatDelivery(url, marker);
			return { workflowId: await activated(n8n, definition, url), request: delivery('bench'), delivery };
		},
	},
];
