import axios from 'axios';
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { startBrixSimulator, type BrixSimulator } from '../../simulators/brix/simulator';
import { nodeOutput, type WorkflowNode } from '../harness/n8n-api';
import { N8N_MODE, startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { chain, webhookUrl } from '../harness/workflow';
import { delay, waitFor } from '../harness/wait';

const CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';
const AVATAR = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const FILE_URL = 'https://elma365.com/ru/img/partners/partners-hero.png';

let n8n: N8nInstance;

/**
 * The re-send bookkeeping (the outbox) lives in the workflow's static data. In queue mode n8n 2.41.1 starts a
 * webhook execution on a worker without the stored static data (the job carries loadStaticData: false and the
 * execution's workflow copy holds none), so every execution sees an empty outbox and saving one overwrites the
 * other's entries: re-sending after a failed or missing messageOutcome cannot work there (README, Queue mode).
 */
const outboxIt = N8N_MODE === 'single' ? it : it.skip;
let userFolder: string;

/**
 * n8n answers OPTIONS before a route exists. A GET to a POST-only route names the registered method
 * ("Did you mean to make a POST request?") once the route exists, without running anything.
 */
async function waitRegistered(url: string): Promise<void> {
	await waitFor(`registration of ${url}`, async () => {
		const response = await axios.get(url, { validateStatus: () => true });
		return JSON.stringify(response.data).includes('POST request') ? true : undefined;
	}, { timeoutMs: 60_000, intervalMs: 500 });
}
let sim: BrixSimulator;
let cred: { id: string; name: string };

function node(name: string, type: string, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

const eventRule = (event: string) => ({
	conditions: {
		options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
		conditions: [
			{ id: randomUUID(), leftValue: '={{ $json.event }}', rightValue: event, operator: { type: 'string', operation: 'equals' } },
		],
		combinator: 'and',
	},
});

beforeAll(async () => {
	sim = await startBrixSimulator({
		channelIds: [CHANNEL],
		token: 'confirm',
		expectedToken: 'confirm2',
		autoFlow: true,
		outcomeFor: (messageId, attempt) => !(messageId.startsWith('fail-') && attempt === 1),
		silentFor: (messageId, attempt) => messageId.startsWith('silent-') && attempt === 1,
	});
	userFolder = mkdtempSync(join(tmpdir(), 'chat-bridge-brix-'));
	n8n = await startTestN8n({ userFolder });
	cred = await n8n.api.createCredential('brixApi', {
		token: 'confirm',
		outgoingToken: 'confirm2',
		baseUrl: sim.url,
		channelId: CHANNEL,
	});
});

afterAll(async () => {
	await sim?.stop();
	await n8n?.stop();
	if (userFolder && process.env.CHAT_BRIDGE_KEEP_N8N !== 'true') rmSync(userFolder, { recursive: true, force: true });
});

describe('BRIX arbitrary messenger in real n8n', () => {
	let bridgeId: string;
	let triggerUrl: string;
	let clientUrl: string;
	let tickPath: string;

	beforeAll(async () => {
		const clientPath = `brix-client-${randomUUID()}`;
		tickPath = `brix-tick-${randomUUID()}`;
		const trigger = node(
			'BRIX Trigger',
			nodeType('brixTrigger'),
			{
				events: ['connect', 'disconnect', 'markAsRead', 'message', 'messageOutcome', 'userInfo'],
				userInfoAnswer: 'workflow',
				allowedChannels: CHANNEL,
			},
			{ webhookId: randomUUID(), credentials: { brixApi: cred } },
		);
		const nodes: WorkflowNode[] = [
			trigger,
			node('Route', 'n8n-nodes-base.switch', { rules: { values: [eventRule('userInfo'), eventRule('messageOutcome')] }, options: {} }, { typeVersion: 3.2 }),
			node(
				'User Reply',
				nodeType('brix'),
				{
					resource: 'user',
					operation: 'buildInfoReply',
					username: "={{ 'Client ' + $json.userId }}",
					phoneNumber: '89990002266',
					avatar: `data:image/png;base64,${AVATAR}`,
				},
				{ credentials: { brixApi: cred } },
			),
			node('Outcome', nodeType('brix'), { resource: 'message', operation: 'handleOutcome' }, { credentials: { brixApi: cred } }),
			node(
				'Client Webhook',
				'n8n-nodes-base.webhook',
				{ httpMethod: 'POST', path: clientPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				{ typeVersion: 2, webhookId: randomUUID() },
			),
			node('Common Shape', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}', options: {} }, { typeVersion: 3.4 }),
			node('Send to BRIX', nodeType('brix'), { resource: 'message', operation: 'send' }, { credentials: { brixApi: cred } }),
			node(
				'Tick',
				'n8n-nodes-base.webhook',
				{ httpMethod: 'POST', path: tickPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				{ typeVersion: 2, webhookId: randomUUID() },
			),
			node('Resend Pending', nodeType('brix'), { resource: 'message', operation: 'resendPending', olderThan: 1, maxAttempts: 5 }, { credentials: { brixApi: cred } }),
		];
		const connections = {
			'BRIX Trigger': { main: [[{ node: 'Route', type: 'main', index: 0 }]] },
			Route: { main: [[{ node: 'User Reply', type: 'main', index: 0 }], [{ node: 'Outcome', type: 'main', index: 0 }]] },
			'Client Webhook': { main: [[{ node: 'Common Shape', type: 'main', index: 0 }]] },
			'Common Shape': { main: [[{ node: 'Send to BRIX', type: 'main', index: 0 }]] },
			Tick: { main: [[{ node: 'Resend Pending', type: 'main', index: 0 }]] },
		};
		bridgeId = await n8n.api.createWorkflow({ name: 'BRIX bridge', nodes, connections });
		await n8n.api.activate(bridgeId);
		triggerUrl = webhookUrl(n8n.baseUrl, trigger);
		clientUrl = `${n8n.baseUrl}/webhook/${clientPath}`;
		sim.options.messengerUrl = triggerUrl;
		await waitRegistered(triggerUrl);
		await waitRegistered(clientUrl);
	});

	const triggerItems = async (count: number) => {
		const executions = await n8n.api.waitForExecutions(bridgeId, count);
		return executions;
	};

	it('runs the seed example: connect, client message, userInfo from the workflow, messageOutcome', async () => {
		const connect = await sim.sendConnect(CHANNEL);
		expect(connect.status).toBe(200);
		let executions = await triggerItems(1);
		const connected = nodeOutput(executions[executions.length - 1], 'BRIX Trigger')[0];
		expect(connected).toMatchObject({ platform: 'brix', event: 'connect', channelId: CHANNEL, webhookUrl: sim.webhookUrl(CHANNEL) });
		expect(JSON.stringify(connected)).not.toContain('confirm');

		const before = sim.requests.length;
		const sent = await axios.post(clientUrl, {
			chatId: 'extChat1',
			userId: 'extUser1',
			messageId: 'extMsgId',
			text: 'sample',
			attachments: [{ type: 'image', url: FILE_URL, name: 'file1.png' }],
		}, { validateStatus: () => true });
		expect(sent.status).toBe(200);
		await sim.idle();
		const message = sim.requests.slice(before).find((r) => r.body?.type === 'message');
		expect(message).toBeDefined();
		expect(message!.status).toBe(200);
		expect(message!.method).toBe('POST');
		expect(message!.path).toBe(`/api/messengers/external/other/webhook/${CHANNEL}`);
		expect(message!.body).toEqual({
			type: 'message',
			token: 'confirm2',
			data: {
				externalMessageId: 'extMsgId',
				externalChatId: 'extChat1',
				externalChatName: 'extChat1',
				externalUserId: 'extUser1',
				text: 'sample',
				files: [{ name: 'file1.png', URL: FILE_URL }],
			},
		});
		const exchange = sim.userInfoExchanges.find((e) => e.userId === 'extUser1');
		expect(exchange).toBeDefined();
		expect(exchange!.status).toBe(200);
		expect(exchange!.problem).toBeUndefined();
		expect(exchange!.contentType).toContain('application/json');
		expect(exchange!.reply).toEqual({ id: 'extUser1', username: 'Client extUser1', phoneNumber: '89990002266', avatar: AVATAR });
		const outcome = sim.outcomesSent.find((o) => o.messageId === 'extMsgId');
		expect(outcome).toEqual({ messageId: 'extMsgId', success: true, status: 200 });

		executions = await waitFor('outcome execution', async () => {
			const list = await n8n.api.waitForExecutions(bridgeId, 1);
			return list.find((e) => e.data?.resultData.runData.Outcome) ? list : undefined;
		});
		const handled = nodeOutput(executions.find((e) => e.data?.resultData.runData.Outcome)!, 'Outcome')[0];
		expect(handled).toMatchObject({ messageId: 'extMsgId', action: 'confirmed' });
	});

	it('delivers an operator message with files, markAsRead and disconnect to the workflow', async () => {
		const count = (await n8n.api.executions(bridgeId, false)).length;
		const answer = await sim.sendOperatorMessage(CHANNEL, 'extChat1', 'message from BRIX', [
			{ name: 'file1.png', size: 12345, URL: FILE_URL },
		]);
		expect(answer.status).toBe(200);
		expect((await sim.sendMarkAsRead('extMsgId')).status).toBe(200);
		expect((await sim.sendDisconnect(CHANNEL)).status).toBe(200);
		const executions = await n8n.api.waitForExecutions(bridgeId, count + 3);
		const outputs = executions.slice(count).map((e) => nodeOutput(e, 'BRIX Trigger')[0]);
		const byEvent = Object.fromEntries(outputs.map((o) => [o.event as string, o]));
		expect(byEvent.message).toMatchObject({
			platform: 'brix',
			event: 'message',
			channelId: CHANNEL,
			chatId: 'extChat1',
			text: 'message from BRIX',
			attachments: [{ type: 'image', url: FILE_URL, name: 'file1.png', size: 12345 }],
		});
		expect((byEvent.message.raw as Record<string, unknown>).token).toBeUndefined();
		expect(byEvent.markAsRead).toMatchObject({ event: 'markAsRead', messageId: 'extMsgId' });
		expect(byEvent.disconnect).toMatchObject({ event: 'disconnect', channelId: CHANNEL });
	});

	outboxIt('re-sends a message with the same ID after a failed messageOutcome', async () => {
		const before = sim.requests.length;
		const sent = await axios.post(clientUrl, { chatId: 'chat12', userId: 'user12', messageId: 'fail-63', text: 'retry me' }, { validateStatus: () => true });
		expect(sent.status).toBe(200);
		await waitFor('second delivery', async () => {
			await sim.idle();
			const copies = sim.requests.slice(before).filter((r) => r.body?.type === 'message');
			return copies.length >= 2 && sim.outcomesSent.filter((o) => o.messageId === 'fail-63').length >= 2 ? copies : undefined;
		});
		const copies = sim.requests.slice(before).filter((r) => r.body?.type === 'message');
		expect(copies).toHaveLength(2);
		expect(copies[1].body).toEqual(copies[0].body);
		expect((copies[0].body!.data as Record<string, unknown>).externalMessageId).toBe('fail-63');
		expect(sim.outcomesSent.filter((o) => o.messageId === 'fail-63').map((o) => o.success)).toEqual([false, true]);
		const staticData = await waitFor('outbox cleared', async () => {
			const workflow = await n8n.api.getWorkflow(bridgeId);
			const outbox = ((workflow.staticData as Record<string, Record<string, unknown>>)?.global?.brixOutbox ?? {}) as Record<string, unknown>;
			return outbox['fail-63'] === undefined ? outbox : undefined;
		});
		expect(staticData['fail-63']).toBeUndefined();
		const executions = await n8n.api.waitForExecutions(bridgeId, 1);
		const actions = executions
			.filter((e) => e.data?.resultData.runData.Outcome)
			.map((e) => nodeOutput(e, 'Outcome')[0])
			.filter((o) => o.messageId === 'fail-63')
			.map((o) => o.action);
		expect(actions).toEqual(['resent', 'confirmed']);
	});

	outboxIt('re-sends a message that got no messageOutcome, also after an n8n restart', async () => {
		const before = sim.requests.length;
		const sent = await axios.post(clientUrl, { chatId: 'chat7', userId: 'user7', messageId: 'silent-7', text: 'anyone?' }, { validateStatus: () => true });
		expect(sent.status).toBe(200);
		await sim.idle();
		await waitFor('outbox entry saved', async () => {
			const workflow = await n8n.api.getWorkflow(bridgeId);
			const outbox = ((workflow.staticData as Record<string, Record<string, unknown>>)?.global?.brixOutbox ?? {}) as Record<string, unknown>;
			return outbox['silent-7'] !== undefined ? true : undefined;
		});
		expect(sim.outcomesSent.filter((o) => o.messageId === 'silent-7')).toEqual([]);

		await n8n.stop();
		n8n = await startTestN8n({ userFolder, skipInstall: true });
		triggerUrl = triggerUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, n8n.baseUrl);
		sim.options.messengerUrl = triggerUrl;
		const tickUrl = `${n8n.baseUrl}/webhook/${tickPath}`;
		await waitRegistered(triggerUrl);
		await waitRegistered(tickUrl);
		await delay(1000);

		const tick = await axios.post(tickUrl, {}, { validateStatus: () => true });
		expect(tick.status).toBe(200);
		expect(tick.data).toEqual([{ messageId: 'silent-7', action: 'resent', attempts: 2 }]);
		await waitFor('confirmation of the re-sent message', async () => {
			await sim.idle();
			return sim.outcomesSent.some((o) => o.messageId === 'silent-7') ? true : undefined;
		});
		const copies = sim.requests.slice(before).filter((r) => r.body?.type === 'message');
		expect(copies).toHaveLength(2);
		expect(copies[1].body).toEqual(copies[0].body);
		expect(sim.outcomesSent.filter((o) => o.messageId === 'silent-7')).toEqual([{ messageId: 'silent-7', success: true, status: 200 }]);
		await waitFor('outbox cleared', async () => {
			const workflow = await n8n.api.getWorkflow(bridgeId);
			const outbox = ((workflow.staticData as Record<string, Record<string, unknown>>)?.global?.brixOutbox ?? {}) as Record<string, unknown>;
			return outbox['silent-7'] === undefined ? true : undefined;
		});
	});

	it('tests the credential against the BRIX base URL without side effects', async () => {
		const before = sim.requests.length;
		const test = async (baseUrl: string) => {
			const data = { token: 'confirm', outgoingToken: '', baseUrl, channelId: '' };
			const stored = await n8n.api.createCredential('brixApi', data);
			const response = await n8n.api.rest.post('/credentials/test', { credentials: { ...stored, type: 'brixApi', data } });
			if (response.status !== 200) throw new Error(`credential test: ${response.status} ${JSON.stringify(response.data)}`);
			return response;
		};
		const ok = await test(`${sim.url}/`);
		expect(ok.status).toBe(200);
		expect(ok.data.data).toMatchObject({ status: 'OK' });
		const probes = sim.requests.slice(before);
		expect(probes.map((r) => [r.method, r.path])).toEqual([['GET', '/']]);
		const bad = await test('http://127.0.0.1:1');
		expect(bad.data.data.status).toBe('Error');
	});

	it('rejects spoofed and malformed requests without starting executions', async () => {
		await sim.idle();
		const before = await n8n.api.settledExecutionCount(bridgeId);
		const wrongToken = await sim.post({ type: 'message', token: 'guess', channelId: CHANNEL, data: { targetChatId: 'c', text: 'x', files: [] } });
		expect(wrongToken.status).toBe(401);
		const noToken = await sim.post({ type: 'disconnect', channelId: CHANNEL });
		expect(noToken.status).toBe(401);
		const otherChannel = await sim.post({ type: 'message', token: 'confirm', channelId: 'not-mine', data: { targetChatId: 'c', text: 'x' } });
		expect(otherChannel.status).toBe(404);
		const broken = await sim.post('{"type": "message", ', true);
		expect(broken.status).toBe(400);
		expect(JSON.stringify(broken.data)).toContain('not valid JSON');
		const noType = await sim.post({ token: 'confirm', data: {} });
		expect(noType.status).toBe(400);
		expect(JSON.stringify(noType.data)).toContain('body.type is missing');
		const unknown = await sim.post({ type: 'typing', token: 'confirm' });
		expect(unknown.status).toBe(400);
		expect(JSON.stringify(unknown.data)).toContain('typing');
		const badData = await sim.post({ type: 'messageOutcome', token: 'confirm', data: { messageId: 'm1' } });
		expect(badData.status).toBe(400);
		expect(JSON.stringify(badData.data)).toContain('body.data.success');
		expect(await n8n.api.settledExecutionCount(bridgeId)).toBe(before);
		const health = await axios.get(`${n8n.baseUrl}/healthz`, { validateStatus: () => true });
		expect(health.status).toBe(200);
	});

	it('disconnects and asks BRIX for user info from the messenger side', async () => {
		const path = `brix-ops-${randomUUID()}`;
		const wf = chain('BRIX operations', [
			{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhook: true, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{ name: 'User', type: nodeType('brix'), parameters: { resource: 'user', operation: 'getInfo', target: 'webhookUrl', webhookUrl: '={{ $json.body.webhook }}', userId: '95806fe5-f8e8-460c-b2be-ce607068726c' }, credentials: { brixApi: cred } },
			{ name: 'Disconnect', type: nodeType('brix'), parameters: { resource: 'channel', operation: 'disconnect' }, credentials: { brixApi: cred } },
		]);
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		await waitRegistered(url);
		const before = sim.requests.length;
		const response = await axios.post(url, { webhook: sim.webhookUrl(CHANNEL) }, { validateStatus: () => true });
		expect(response.status).toBe(200);
		const received = sim.requests.slice(before);
		expect(received.map((r) => [r.path, r.status, r.body])).toEqual([
			[`/api/messengers/external/other/webhook/${CHANNEL}`, 200, { type: 'userInfo', token: 'confirm2', data: { userId: '95806fe5-f8e8-460c-b2be-ce607068726c' } }],
			[`/api/messengers/external/other/webhook/${CHANNEL}`, 200, { type: 'disconnect', token: 'confirm2' }],
		]);
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(nodeOutput(execution, 'User')[0]).toMatchObject({ id: '95806fe5-f8e8-460c-b2be-ce607068726c', username: 'Operator One' });
	});

	it('answers userInfo from the node itself and honours the events filter', async () => {
		const wf = chain('BRIX node answers', [
			{ name: 'BRIX Trigger', type: nodeType('brixTrigger'), webhook: true, parameters: { events: ['message'], userInfoAnswer: 'node' }, credentials: { brixApi: cred } },
		]);
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = webhookUrl(n8n.baseUrl, wf.nodes[0]);
		await waitRegistered(url);
		const previous = sim.options.messengerUrl;
		sim.options.messengerUrl = url;
		try {
			const exchange = await sim.sendUserInfo('extUser9');
			expect(exchange.status).toBe(200);
			expect(exchange.reply).toEqual({ id: 'extUser9', username: 'extUser9', phoneNumber: '', avatar: '' });
			expect((await sim.sendMarkAsRead('m1')).status).toBe(200);
			expect((await sim.sendConnect('any-channel')).status).toBe(200);
			expect(await n8n.api.settledExecutionCount(id)).toBe(0);
			expect((await sim.sendOperatorMessage('any-channel', 'c1', 'hi')).status).toBe(200);
			const [execution] = await n8n.api.waitForExecutions(id, 1);
			expect(nodeOutput(execution, 'BRIX Trigger')[0]).toMatchObject({ event: 'message', chatId: 'c1', text: 'hi' });
		} finally {
			sim.options.messengerUrl = previous;
		}
	});
});
