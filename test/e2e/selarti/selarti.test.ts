import axios from 'axios';
import { randomUUID } from 'crypto';

import { nodeOutput } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { chain, webhookUrl } from '../harness/workflow';
import { SEND_PATH, start, webhookPayload, type SelartiSimulator } from '../../simulators/selarti';
import { start as startBonyChat, type BonyChatSimulator } from '../../simulators/bonychat';

let n8n: N8nInstance;
let sim: SelartiSimulator;
let cred: { id: string; name: string };
const SECRET = `whs-${randomUUID()}`;
const TRIGGER = 'Selarti Trigger';

let trigger: { id: string; url: string };

beforeAll(async () => {
	sim = await start();
	n8n = await startTestN8n();
	cred = await n8n.api.createCredential('selartiApi', { baseUrl: sim.url, apiToken: sim.token, webhookSecret: SECRET });
	const wf = chain(`selarti trigger ${randomUUID().slice(0, 6)}`, [
		{ name: TRIGGER, type: nodeType('selartiTrigger'), webhook: true, parameters: {}, credentials: { selartiApi: cred } },
		{ name: 'Done', type: 'n8n-nodes-base.noOp', parameters: {} },
	]);
	const id = await n8n.api.createWorkflow(wf);
	await n8n.api.activate(id);
	const url = webhookUrl(n8n.baseUrl, wf.nodes[0]);
	await n8n.api.waitForWebhook(url);
	trigger = { id, url };
});
afterAll(async () => {
	await n8n?.stop();
	await sim?.stop();
});

const withSecret = (url: string, secret = SECRET) => `${url}?secret=${encodeURIComponent(secret)}`;
const count = async () => (await n8n.api.executions(trigger.id, false)).length;

describe('Selarti action and trigger in real n8n', () => {
	it('sends the exact seed body with the Bearer token, and the AI reply webhook starts an execution with every field parsed', async () => {
		const path = `selarti-${randomUUID()}`;
		const wf = chain(`selarti send ${path}`, [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhook: true,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				name: 'Selarti',
				type: nodeType('selarti'),
				credentials: { selartiApi: cred },
				parameters: {
					resource: 'message',
					operation: 'sendExternal',
					taskId: sim.taskId,
					chatId: '={{ $json.body.chatId }}',
					message: '={{ $json.body.text }}',
				},
			},
		]);
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		await n8n.api.waitForWebhook(url);

		const executionsBefore = await count();
		sim.integrationUrl = withSecret(trigger.url);
		const before = sim.requests.length;
		const response = await axios.post(url, { chatId: '123456789', text: 'Test message via api' }, { validateStatus: () => true });
		expect(response.status).toBe(200);
		expect(response.data).toEqual([
			{
				success: true,
				platform: 'selarti',
				chatId: '123456789',
				messageId: null,
				taskId: sim.taskId,
				statusCode: 200,
				response: { status: 'success', response: {} },
			},
		]);
		const posted = sim.requests.slice(before);
		expect(posted).toHaveLength(1);
		expect(posted[0].method).toBe('POST');
		expect(posted[0].path).toBe(SEND_PATH);
		expect(posted[0].headers.authorization).toBe(`Bearer ${sim.token}`);
		expect(posted[0].headers['content-type']).toMatch(/^application\/json/);
		expect(posted[0].errors).toEqual([]);
		expect(JSON.parse(posted[0].rawBody)).toEqual({ task_id: '1721129985149x478019552540622850', chat_id: '123456789', message: 'Test message via api' });

		// The integration posted the user's own message (filtered out) and the AI reply (one execution).
		const executions = await n8n.api.waitForExecutions(trigger.id, executionsBefore + 1);
		await n8n.api.settledExecutionCount(trigger.id);
		expect(await count()).toBe(executionsBefore + 1);
		expect(sim.webhookResults).toHaveLength(2);
		expect(sim.webhookResults[0]).toEqual({ status: 200, body: { received: true, skipped: 'messages by user are filtered out' } });
		expect(sim.webhookResults[1]).toEqual({ status: 200, body: { received: true } });
		sim.integrationUrl = undefined;

		const out = nodeOutput(executions[executions.length - 1], TRIGGER)[0];
		const raw = out.raw as Record<string, unknown>;
		expect(raw.message_type).toBe('bot');
		expect(out).toEqual({
			platform: 'selarti',
			event: 'all_messages',
			channelId: raw.channel_id,
			chatId: '123456789',
			userId: '123456789',
			messageId: raw.message_id,
			text: 'AI: Test message via api',
			timestamp: expect.any(String),
			author: 'bot',
			selarti: {
				messageType: 'bot',
				webhookType: 'all_messages',
				threadId: raw.thread_id,
				taskId: '1721129985149x478019552540622850',
				companyId: raw.company_id,
				managerId: raw.manager_id,
				title: 'Ivan Petrov',
				contacts: { phone: '+79990001122', username: 'ivan' },
				getContact: true,
				interest: false,
				isBot: false,
				operator: false,
				success: true,
				close: false,
				shareUrl: raw.share_url,
				panelUrl: raw.panel_url,
			},
			raw,
		});
	});

	it('accepts operator and AI messages, flags in every spelling, and form bodies', async () => {
		const before = await count();
		const payloads = [
			webhookPayload({ message_type: 'operator', get_contact: true, interest: 'true', is_bot: 1, operator: 'yes', success: 'false', close: '1' }),
			webhookPayload({ message_type: 'AI', external_chat_id: 42 }),
		];
		for (const payload of payloads) {
			expect((await sim.sendWebhook(withSecret(trigger.url), payload)).status).toBe(200);
		}
		const form = new URLSearchParams({ message_type: 'bot', message_text: 'from a form', external_chat_id: '77', close: 'no', contacts: '{"phone":"+7999"}' }).toString();
		expect((await sim.sendWebhook(withSecret(trigger.url), undefined, { rawBody: form, contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
		const executions = (await n8n.api.waitForExecutions(trigger.id, before + 3)).slice(before);
		const outputs = executions.map((execution) => nodeOutput(execution, TRIGGER)[0]);
		const operator = outputs.find((o) => o.author === 'operator')!;
		expect(operator).toMatchObject({ selarti: { getContact: true, interest: true, isBot: true, operator: true, success: false, close: true } });
		const ai = outputs.find((o) => (o.selarti as { messageType?: string }).messageType === 'AI')!;
		expect(ai).toMatchObject({ author: 'bot', chatId: '42' });
		const fromForm = outputs.find((o) => o.text === 'from a form')!;
		expect(fromForm).toMatchObject({ author: 'bot', chatId: '77', selarti: { close: false, contacts: { phone: '+7999' } } });
	});

	it('delivers unknown message types and fields in odd formats by default (author other, raw kept)', async () => {
		const before = await count();
		const odd = [
			webhookPayload({ message_type: 'system', message_text: 'unknown type' }),
			webhookPayload({ message_type: '', message_text: 'empty type' }),
			webhookPayload({ message_type: { v: 'bot' }, message_text: 'object type', close: 'maybe', is_bot: 2, title: ['Ivan'] }),
			webhookPayload({ message_text: { t: 'x' }, external_chat_id: 'no-text-chat' }),
		];
		for (const payload of odd) {
			const result = await sim.sendWebhook(withSecret(trigger.url), payload);
			expect(result).toEqual({ status: 200, body: { received: true } });
		}
		const outputs = (await n8n.api.waitForExecutions(trigger.id, before + odd.length))
			.slice(before)
			.map((execution) => nodeOutput(execution, TRIGGER)[0]);
		expect(outputs.map((o) => o.author).sort()).toEqual(['bot', 'other', 'other', 'other']);
		const objectType = outputs.find((o) => o.text === 'object type')!;
		expect(objectType).not.toHaveProperty('selarti.close');
		expect(objectType).not.toHaveProperty('selarti.isBot');
		expect(objectType).not.toHaveProperty('selarti.title');
		expect(objectType.raw).toMatchObject({ message_type: { v: 'bot' }, close: 'maybe', is_bot: 2, title: ['Ivan'] });
		const noText = outputs.find((o) => o.chatId === 'no-text-chat')!;
		expect(noText).not.toHaveProperty('text');
		expect(noText.raw).toMatchObject({ message_text: { t: 'x' } });
	});

	it('starts nothing for filtered authors or webhook types', async () => {
		const before = await count();
		for (const messageType of ['user', 'пользователь', 'Client']) {
			const result = await sim.sendWebhook(withSecret(trigger.url), webhookPayload({ message_type: messageType }));
			expect(result.status).toBe(200);
			expect((result.body as { skipped: string }).skipped).toMatch(/filtered out/);
		}
		expect(await n8n.api.settledExecutionCount(trigger.id)).toBe(before);

		const wf = chain(`selarti types ${randomUUID().slice(0, 6)}`, [
			{ name: TRIGGER, type: nodeType('selartiTrigger'), webhook: true, parameters: { authors: ['bot', 'user'], webhookTypes: 'ai_reply, operator_reply' }, credentials: { selartiApi: cred } },
		]);
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = webhookUrl(n8n.baseUrl, wf.nodes[0]);
		await n8n.api.waitForWebhook(url);
		const skipped = await sim.sendWebhook(withSecret(url), webhookPayload({ wh_type: 'all_messages' }));
		expect(skipped).toEqual({ status: 200, body: { received: true, skipped: 'webhook type "all_messages" is filtered out' } });
		expect((await sim.sendWebhook(withSecret(url), webhookPayload({ wh_type: 'ai_reply', message_type: 'user' }))).body).toEqual({ received: true });
		const executions = await n8n.api.waitForExecutions(id, 1);
		expect(await n8n.api.settledExecutionCount(id)).toBe(1);
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ event: 'ai_reply', author: 'customer' });
	});

	it('rejects a wrong or missing secret with 401 and a malformed body with 400, starting nothing', async () => {
		const before = await count();
		const unauthorized = [
			await sim.sendWebhook(trigger.url, webhookPayload()),
			await sim.sendWebhook(withSecret(trigger.url, 'wrong'), webhookPayload()),
			await sim.sendWebhook(withSecret(trigger.url, `${SECRET}x`), webhookPayload()),
			await sim.sendWebhook(`${trigger.url}?token=${SECRET}`, webhookPayload()),
		];
		for (const result of unauthorized) {
			expect(result.status).toBe(401);
			expect(typeof (result.body as { error: { message: string } }).error.message).toBe('string');
			expect(JSON.stringify(result.body)).not.toContain(SECRET);
		}
		const malformed: Array<[{ rawBody: string; contentType?: string }, RegExp]> = [
			[{ rawBody: '{"message_type": "bot",' }, /not valid JSON/],
			[{ rawBody: '' }, /empty/],
			[{ rawBody: '[1]' }, /JSON object/],
			[{ rawBody: '{"hello":"world"}' }, /neither message_text nor any id/],
			[{ rawBody: '{"message_text":"","title":"Ivan","close":true}' }, /neither message_text nor any id/],
		];
		for (const [input, pattern] of malformed) {
			const result = await sim.sendWebhook(withSecret(trigger.url), undefined, input);
			expect(result.status).toBe(400);
			expect((result.body as { error: { message: string } }).error.message).toMatch(pattern);
		}
		expect(await n8n.api.settledExecutionCount(trigger.id)).toBe(before);
	});

	it('bridges BonyChat -> Selarti with no mapping: every parameter at its default, the Task ID from the credential', async () => {
		const bony: BonyChatSimulator = await startBonyChat();
		try {
			const bonyCred = await n8n.api.createCredential('bonyChatApi', { channelId: bony.channelId, apiToken: bony.apiToken, webhookUrl: bony.webhookUrl });
			const withTask = await n8n.api.createCredential('selartiApi', { baseUrl: sim.url, apiToken: sim.token, webhookSecret: SECRET, taskId: sim.taskId });
			const wf = chain(`bony to selarti ${randomUUID().slice(0, 6)}`, [
				{ name: 'BonyChat Trigger', type: nodeType('bonyChatTrigger'), webhook: true, parameters: { replyMode: 'immediately' }, credentials: { bonyChatApi: bonyCred } },
				{ name: 'Selarti', type: nodeType('selarti'), parameters: { resource: 'message', operation: 'sendExternal' }, credentials: { selartiApi: withTask } },
			]);
			const id = await n8n.api.createWorkflow(wf);
			await n8n.api.activate(id);
			const url = webhookUrl(n8n.baseUrl, wf.nodes[0], 'message');
			await n8n.api.waitForWebhook(url);
			const before = sim.requests.length;
			const response = await bony.sendOutgoing(url.replace(/\/message$/, ''), { contactId: '+60177872890', message: { type: 'text', text: 'Hi from respond.io' } });
			expect(response.status).toBe(200);
			const [execution] = await n8n.api.waitForExecutions(id, 1);
			expect(execution.status).toBe('success');
			const posted = sim.requests.slice(before);
			expect(posted).toHaveLength(1);
			// Selarti keeps one dialog per chat_id: the respond.io contact's, named after it so the AI's answers lead back.
			expect(JSON.parse(posted[0].rawBody)).toEqual({ task_id: sim.taskId, chat_id: 'bonychat_+60177872890', message: 'Hi from respond.io' });
		} finally {
			await bony.stop();
		}
	});

	it('fails the item with Selarti\'s own message', async () => {
		const path = `selarti-bad-${randomUUID()}`;
		const wf = chain(`selarti bad task ${path}`, [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhook: true,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				name: 'Selarti',
				type: nodeType('selarti'),
				credentials: { selartiApi: cred },
				parameters: { resource: 'message', operation: 'sendExternal', taskId: 'unknown-task', chatId: '={{ $json.body.chatId }}', message: '={{ $json.body.text }}' },
			},
		]);
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		await n8n.api.waitForWebhook(url);
		const response = await axios.post(url, { chatId: '1', text: 'x' }, { validateStatus: () => true });
		expect(response.status).toBe(500);
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe('Selarti answered 400: Task not found');
		expect(JSON.stringify(execution.data)).not.toContain(sim.token);
	});

	it('tests the credential without sending a message', async () => {
		const test = async (apiToken: string, webhookSecret = SECRET) => {
			const data = { baseUrl: sim.url, apiToken, webhookSecret };
			const saved = await n8n.api.createCredential('selartiApi', data);
			const response = await n8n.api.rest.post('/credentials/test', { credentials: { id: saved.id, name: saved.name, type: 'selartiApi', data } });
			if (!response.data?.data) throw new Error(`credential test call failed: ${response.status} ${JSON.stringify(response.data)}`);
			return response.data.data as { status: string; message: string };
		};
		const before = sim.requests.length;
		expect((await test(sim.token)).status).toBe('OK');
		const wrong = await test('not-the-token');
		expect(wrong).toEqual({ status: 'Error', message: 'Selarti did not accept the API token' });
		const probes = sim.requests.slice(before);
		expect(probes.length).toBeGreaterThanOrEqual(2);
		for (const probe of probes) {
			expect(probe.path).toBe(SEND_PATH);
			expect(probe.status).not.toBe(200);
		}
		// Trigger-only: the webhook secret is all the trigger needs, and nothing remote can check it.
		const afterProbes = sim.requests.length;
		expect(await test('')).toMatchObject({ status: 'OK' });
		expect(await test('', '')).toMatchObject({ status: 'Error' });
		expect(sim.requests.length).toBe(afterProbes);
	});

	it('serves the trigger with a credential that has only the webhook secret; sending with it fails clearly', async () => {
		const secret = `only-${randomUUID()}`;
		const triggerOnly = await n8n.api.createCredential('selartiApi', { baseUrl: sim.url, webhookSecret: secret });
		const wf = chain(`selarti trigger only ${randomUUID().slice(0, 6)}`, [
			{ name: TRIGGER, type: nodeType('selartiTrigger'), webhook: true, parameters: {}, credentials: { selartiApi: triggerOnly } },
			{ name: 'Selarti', type: nodeType('selarti'), credentials: { selartiApi: triggerOnly }, parameters: { resource: 'message', operation: 'sendExternal', taskId: sim.taskId } },
		]);
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = webhookUrl(n8n.baseUrl, wf.nodes[0]);
		await n8n.api.waitForWebhook(url);
		const before = sim.requests.length;
		expect((await sim.sendWebhook(withSecret(url, secret), webhookPayload({ message_type: 'operator' }))).status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(nodeOutput(execution, TRIGGER)[0]).toMatchObject({ author: 'operator' });
		expect(execution.data?.resultData.error?.message).toBe('The Selarti API credential has no API Token');
		expect(sim.requests.slice(before).filter((request) => request.path === SEND_PATH)).toHaveLength(0);
	});
});
