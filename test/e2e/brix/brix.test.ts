import axios from 'axios';
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { startBrixSimulator, type BrixSimulator } from '../../simulators/brix/simulator';
import { nodeOutput, type Execution, type WorkflowNode } from '../harness/n8n-api';
import { N8N_MODE, restartTestN8n, startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { postgresBinaries, startPostgres, type PostgresInstance } from '../harness/postgres';
import { chain, webhookUrl } from '../harness/workflow';
import { delay, waitFor } from '../harness/wait';

const CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';
const AVATAR = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const FILE_URL = 'https://elma365.com/ru/img/partners/partners-hero.png';

let n8n: N8nInstance;
/** Queue mode runs on Postgres when it is installed: 50 executions in flight overwhelm SQLite shared by two processes. */
let postgres: PostgresInstance | undefined;

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
		// fail-*: success=false once; bad-*: always false; silent-*: no outcome for the first copy; held-*: the test
		// sends the outcome itself.
		outcomeFor: (messageId, attempt) => !messageId.startsWith('bad-') && !(messageId.startsWith('fail-') && attempt === 1),
		silentFor: (messageId, attempt) => (messageId.startsWith('silent-') && attempt === 1) || messageId.startsWith('held-'),
	});
	userFolder = mkdtempSync(join(tmpdir(), 'chat-bridge-brix-'));
	if (N8N_MODE !== 'single' && postgresBinaries()) postgres = await startPostgres();
	n8n = await startTestN8n({ userFolder, env: postgres?.env });
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
	await postgres?.stop();
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
				{ httpMethod: 'POST', path: clientPath, responseMode: 'onReceived', options: {} },
				{ typeVersion: 2, webhookId: randomUUID() },
			),
			node('Common Shape', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}', options: {} }, { typeVersion: 3.4 }),
			node('Send to BRIX', nodeType('brix'), { resource: 'message', operation: 'send' }, { credentials: { brixApi: cred } }),
			node(
				'Tick',
				'n8n-nodes-base.webhook',
				{ httpMethod: 'POST', path: tickPath, responseMode: 'onReceived', options: {} },
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

	const executionIds = async (workflowId: string) => new Set((await n8n.api.executions(workflowId, false)).map((e) => String(e.id)));
	/**
	 * The finished executions that ran `node` and are not in `before`, once there are `count`. Never counted by position
	 * in n8n's list: in queue mode it has left out, for good, executions resumed from a wait (see `N8nApi.execution`).
	 */
	const addedExecutions = (before: Set<string>, node: string, count: number) =>
		waitFor(`${count} new execution(s) that ran ${node}`, async () => {
			const added = (await n8n.api.executions(bridgeId)).filter(
				(e) => !before.has(String(e.id)) && ['success', 'error'].includes(e.status) && e.data?.resultData.runData[node],
			);
			return added.length >= count ? added : undefined;
		}, { timeoutMs: 60_000, intervalMs: 300 });

	const triggerItems = async (count: number) => {
		const executions = await n8n.api.waitForExecutions(bridgeId, count);
		return executions;
	};

	it('runs the seed example: connect, client message, userInfo from the workflow, messageOutcome', async () => {
		const connect = await sim.sendConnect(CHANNEL);
		expect(connect.status).toBe(200);
		const executions = await triggerItems(1);
		const connected = nodeOutput(executions[executions.length - 1], 'BRIX Trigger')[0];
		expect(connected).toMatchObject({ platform: 'brix', event: 'connect', channelId: CHANNEL, brix: { webhookUrl: sim.webhookUrl(CHANNEL) } });
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
		const message = await waitFor('the message at BRIX', () => sim.requests.slice(before).find((r) => r.body?.type === 'message'));
		await sim.idle();
		expect(message!.status).toBe(200);
		expect(message!.method).toBe('POST');
		expect(message!.path).toBe(`/api/messengers/external/other/webhook/${CHANNEL}`);
		// The ID BRIX gets carries the address of the waiting execution: `<ID>~<execution ID>~<resume token>`.
		const externalMessageId = (message!.body!.data as Record<string, string>).externalMessageId;
		expect(externalMessageId).toMatch(/^extMsgId~\d+~[A-Za-z0-9_-]{43}$/);
		expect(message!.body).toEqual({
			type: 'message',
			token: 'confirm2',
			data: {
				externalMessageId,
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
		const outcome = sim.outcomesSent.find((o) => o.messageId === externalMessageId);
		expect(outcome).toEqual({ messageId: externalMessageId, success: true, status: 200 });

		// The send is read by ID (its ID is in the one BRIX got): see `addedExecutions`.
		const [sentBy, handledBy] = await waitFor('the delivered send and the outcome execution', async () => {
			const send = await n8n.api.execution(externalMessageId.split('~')[1]);
			const outcomeRun = (await n8n.api.executions(bridgeId)).find((e) => e.status === 'success' && e.data?.resultData.runData.Outcome);
			return send.status === 'success' && outcomeRun ? ([send, outcomeRun] as const) : undefined;
		});
		expect(nodeOutput(handledBy, 'Outcome')[0]).toMatchObject({ messageId: 'extMsgId', success: true, action: 'confirmed' });
		expect(nodeOutput(handledBy, 'BRIX Trigger')[0]).toMatchObject({ event: 'messageOutcome', messageId: 'extMsgId', brix: { success: true } });
		expect(nodeOutput(sentBy, 'Send to BRIX')).toEqual([
			{
				success: true,
				platform: 'brix',
				chatId: 'extChat1',
				messageId: 'extMsgId',
				externalMessageId,
				userId: 'extUser1',
				delivered: true,
				attempts: 1,
				statusCode: 200,
			},
		]);
	});

	it('delivers an operator message with files, markAsRead and disconnect to the workflow', async () => {
		const before = await executionIds(bridgeId);
		const answer = await sim.sendOperatorMessage(CHANNEL, 'extChat1', 'message from BRIX', [
			{ name: 'file1.png', size: 12345, URL: FILE_URL },
		]);
		expect(answer.status).toBe(200);
		expect((await sim.sendMarkAsRead('extMsgId')).status).toBe(200);
		expect((await sim.sendDisconnect(CHANNEL)).status).toBe(200);
		const executions = await addedExecutions(before, 'BRIX Trigger', 3);
		expect(executions).toHaveLength(3);
		const outputs = executions.map((e) => nodeOutput(e, 'BRIX Trigger')[0]);
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

	it('keeps the deprecated Resend Pending operation loading and doing nothing', async () => {
		const before = await executionIds(bridgeId);
		const tick = await axios.post(`${n8n.baseUrl}/webhook/${tickPath}`, {}, { validateStatus: () => true });
		expect(tick.status).toBe(200);
		const [ticked] = await addedExecutions(before, 'Resend Pending', 1);
		expect(ticked?.status).toBe('success');
		expect(nodeOutput(ticked!, 'Resend Pending')).toEqual([]);
	});

	it('tests the credential: the token against the default channel, and what a trigger-only credential needs', async () => {
		const test = (data: Record<string, unknown>) =>
			n8n.api.testCredential('brixApi', { token: 'confirm', outgoingToken: '', baseUrl: '', channelId: '', ...data });
		const before = sim.requests.length;
		expect(await test({ outgoingToken: 'confirm2', baseUrl: `${sim.url}/`, channelId: CHANNEL })).toMatchObject({ status: 'OK' });
		const probes = sim.requests.slice(before);
		expect(probes.map((r) => [r.method, r.path, r.status, r.body?.type])).toEqual([
			['POST', `/api/messengers/external/other/webhook/${CHANNEL}`, 200, 'userInfo'],
		]);
		const wrong = await test({ outgoingToken: 'guess', baseUrl: sim.url, channelId: CHANNEL });
		expect(wrong).toMatchObject({ status: 'Error' });
		expect(wrong.message).toContain('did not accept the token');
		const unknownChannel = await test({ outgoingToken: 'confirm2', baseUrl: sim.url, channelId: 'not-a-channel' });
		expect(unknownChannel.message).toContain('Default Channel ID');
		expect(await test({})).toMatchObject({ status: 'OK' });
		const empty = await test({ token: '' });
		expect(empty).toMatchObject({ status: 'Error' });
		expect(empty.message).toContain('Accept Unauthenticated Requests');
		expect(await test({ token: '', acceptUnauthenticated: true })).toMatchObject({ status: 'OK' });
		expect(await test({ baseUrl: 'http://127.0.0.1:1' })).toMatchObject({ status: 'Error' });
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
		expect(unknown).toMatchObject({ status: 200, data: { success: true } });
		expect((await sim.post({ type: 'typing', token: 'guess' })).status).toBe(401);
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

	it('sends the token to no host but the credential\'s BRIX Base URL', async () => {
		const path = `brix-pinned-${randomUUID()}`;
		const wf = chain('BRIX pinned host', [
			{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhook: true, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
			{ name: 'User', type: nodeType('brix'), parameters: { resource: 'user', operation: 'getInfo', target: 'webhookUrl', webhookUrl: '={{ $json.body.webhook }}', userId: 'u1' }, credentials: { brixApi: cred } },
		]);
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		await waitRegistered(url);
		const before = sim.requests.length;
		// The simulator itself under another host name: the request would reach it if the node allowed it.
		const elsewhere = sim.webhookUrl(CHANNEL).replace('127.0.0.1', 'localhost');
		expect(elsewhere).not.toBe(sim.webhookUrl(CHANNEL));
		await axios.post(url, { webhook: elsewhere }, { validateStatus: () => true });
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('error');
		expect(JSON.stringify(execution.data)).toContain('\\"Webhook URL\\" points to localhost');
		expect(sim.requests.length).toBe(before);
	});

	it('refuses to publish a trigger whose credential has no token, unless unauthenticated requests are accepted', async () => {
		const open = async (acceptUnauthenticated: boolean) => {
			const credential = await n8n.api.createCredential('brixApi', { token: '', outgoingToken: '', baseUrl: '', channelId: '', acceptUnauthenticated });
			const wf = chain('BRIX no token', [
				{ name: 'BRIX Trigger', type: nodeType('brixTrigger'), webhook: true, parameters: { events: ['message'] }, credentials: { brixApi: credential } },
			]);
			return { id: await n8n.api.createWorkflow(wf), url: webhookUrl(n8n.baseUrl, wf.nodes[0]) };
		};
		const message = { type: 'message', token: '', channelId: CHANNEL, data: { targetChatId: 'c1', text: 'anyone' } };
		const refused = await open(false);
		await n8n.api.publishExpectingFailure(refused.id, 'no access token');
		const answer = await axios.post(refused.url, message, { validateStatus: () => true });
		expect(answer.status === 404 || (answer.status === 401 && JSON.stringify(answer.data).includes('Accept Unauthenticated Requests'))).toBe(true);
		expect(await n8n.api.settledExecutionCount(refused.id)).toBe(0);
		await n8n.api.deactivate(refused.id).catch(() => undefined);

		const accepted = await open(true);
		await n8n.api.activate(accepted.id);
		await waitRegistered(accepted.url);
		expect((await axios.post(accepted.url, message, { validateStatus: () => true })).status).toBe(200);
		await n8n.api.waitForExecutions(accepted.id, 1);
		await n8n.api.deactivate(accepted.id);
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
			// The seed: 404 for a channel that does not exist. BRIX said so with disconnect; connect brings it back.
			expect((await sim.sendDisconnect('any-channel')).status).toBe(200);
			const gone = await sim.sendOperatorMessage('any-channel', 'c1', 'after disconnect');
			expect(gone.status).toBe(404);
			expect((await sim.sendOperatorMessage('other-channel', 'c1', 'still here')).status).toBe(200);
			expect((await sim.sendConnect('any-channel')).status).toBe(200);
			expect((await sim.sendOperatorMessage('any-channel', 'c1', 'back')).status).toBe(200);
			const texts = (await n8n.api.waitForExecutions(id, 3)).map((run) => nodeOutput(run, 'BRIX Trigger')[0].text).sort();
			expect(texts).toEqual(['back', 'hi', 'still here']);
			expect(await n8n.api.settledExecutionCount(id)).toBe(3);
		} finally {
			sim.options.messengerUrl = previous;
		}
	});
});

describe('BRIX delivery: the sending execution waits, re-sends and fails visibly', () => {
	let workflowId: string;
	let trigger: WorkflowNode;
	let clientPath: string;
	const FLIGHT = 50;

	/** The copies BRIX received of a message (or, for a prefix ending in '-', of every message with that prefix). */
	const copiesOf = (original: string) =>
		sim.requests.filter((r) => r.body?.type === 'message' && String((r.body.data as Record<string, unknown>).externalMessageId).startsWith(original.endsWith('-') ? original : `${original}~`));
	/** The execution that sent a message: the ID BRIX got is `<message ID>~<execution ID>~<token>`. */
	const executionOf = (original: string) => String((copiesOf(original)[0].body!.data as Record<string, unknown>).externalMessageId).split('~')[1];
	const outcomesOf = (original: string) =>
		sim.outcomesSent.filter((o) => o.messageId.startsWith(original.endsWith('-') ? original : `${original}~`)).map((o) => o.success);
	const send = (messageId: string, extra: Record<string, unknown> = {}) =>
		axios.post(`${n8n.baseUrl}/webhook/${clientPath}`, { chatId: `chat-${messageId}`, userId: `user-${messageId}`, messageId, text: `text of ${messageId}`, ...extra }, { validateStatus: () => true });
	/**
	 * The executions that sent `originals`, once all of them have finished with their final data. Polls the list
	 * without data and reads the data again only when more executions have finished (or every tenth poll).
	 */
	const finishedSends = async (originals: string[], timeoutMs = 240_000): Promise<Execution[]> => {
		let missing: string[] = [];
		let statuses = '';
		let read: Execution[] = [];
		let readWhenDone = -1;
		let polls = 0;
		const settled = (e: Execution) => e.status === 'error' || (e.status === 'success' && e.data?.resultData.runData.Deliver !== undefined);
		try {
			return await waitFor(`the executions sending ${originals.slice(0, 3).join(', ')}${originals.length > 3 ? ', ...' : ''} to finish`, async () => {
				const list = await n8n.api.executions(workflowId, false);
				const done = list.filter((e) => ['success', 'error'].includes(e.status)).length;
				if (done !== readWhenDone || ++polls % 10 === 0) {
					read = await n8n.api.executions(workflowId);
					readWhenDone = done;
				}
				const byMessage = new Map(read.filter(settled).map((e) => [(nodeOutput(e, 'Client')[0].body as Record<string, unknown>).messageId, e]));
				// The list leaves out executions n8n's main process still counts as running: read those by ID.
				for (const original of originals.filter((o) => !byMessage.has(o) && copiesOf(o).length > 0)) {
					const id = executionOf(original);
					if (list.some((e) => String(e.id) === id)) continue;
					const execution = await n8n.api.execution(id);
					if (settled(execution)) byMessage.set(original, execution);
				}
				missing = originals.filter((original) => !byMessage.has(original));
				statuses = list.filter((e) => e.status !== 'success').map((e) => `${e.id}:${e.status}`).join(' ');
				return missing.length === 0 ? originals.map((original) => byMessage.get(original) as Execution) : undefined;
			}, { timeoutMs, intervalMs: 2000 });
		} catch (error) {
			const copies = missing.map((original) => `${original}: ${copiesOf(original).length} sent, outcomes ${JSON.stringify(outcomesOf(original))}`);
			throw new Error(`${(error as Error).message}\nnot finished: ${copies.join('; ')}\nexecutions not successful: ${statuses}`);
		}
	};
	const finishedSend = async (original: string) => (await finishedSends([original]))[0];
	const connectTrigger = async () => {
		const url = webhookUrl(n8n.baseUrl, trigger);
		sim.options.messengerUrl = url;
		await waitRegistered(url);
	};

	beforeAll(async () => {
		clientPath = `brix-delivery-${randomUUID()}`;
		// A trigger of the channel anywhere on the instance hands the outcomes over; this one starts no executions.
		trigger = node('Outcomes', nodeType('brixTrigger'), { events: [], userInfoAnswer: 'node' }, { webhookId: randomUUID(), credentials: { brixApi: cred } });
		const nodes: WorkflowNode[] = [
			trigger,
			node('Client', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: clientPath, responseMode: 'onReceived', options: {} }, { typeVersion: 2, webhookId: randomUUID() }),
			node('Common Shape', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}', options: {} }, { typeVersion: 3.4 }),
			node(
				'Deliver',
				nodeType('brix'),
				{ resource: 'message', operation: 'send', outcomeTimeout: '={{ $json.timeout ?? 600 }}', maxAttempts: 3 },
				{ credentials: { brixApi: cred } },
			),
		];
		const connections = {
			Client: { main: [[{ node: 'Common Shape', type: 'main', index: 0 }]] },
			'Common Shape': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] },
		};
		workflowId = await n8n.api.createWorkflow({ name: 'BRIX delivery', nodes, connections });
		await n8n.api.activate(workflowId);
		await connectTrigger();
		await waitRegistered(`${n8n.baseUrl}/webhook/${clientPath}`);

		// Everything in flight at once: 50 messages failing once, an always failing one between two good ones, and one
		// whose first copy gets no outcome. BRIX answers each copy 15 s after it arrived, so every message has reached
		// BRIX before the first outcome comes back. The silent one waits 60 s, long enough for the outcome of its second
		// copy; the others wait up to 600 s: on a busy machine n8n's main process (queue mode) has taken more than two
		// minutes to hand BRIX's outcomes over. The client posts them 100 ms apart: in queue mode the test's SQLite
		// database, shared by the main process and the worker, refuses simultaneous writes (SQLITE_BUSY), a limit of
		// SQLite that n8n's supported queue-mode database (Postgres) does not have.
		sim.options.flowDelayMs = 15_000;
		const answers = [];
		for (const [messageId, extra] of [
			...Array.from({ length: FLIGHT }, (_, i) => [`fail-${i}`, {}] as const),
			['good-1', {}] as const,
			['bad-1', {}] as const,
			['good-2', {}] as const,
			['silent-1', { timeout: 60 }] as const,
		]) {
			answers.push(await send(messageId, extra));
			await delay(100);
		}
		expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
		await waitFor('every first copy at BRIX', () => (copiesOf('fail-').length >= FLIGHT ? true : undefined), { timeoutMs: 60_000 });
		expect(outcomesOf('fail-')).toEqual([]);
	});

	afterAll(() => {
		sim.options.flowDelayMs = undefined;
	});

	it(`re-sends each of ${FLIGHT} messages in flight once after success=false, then outputs it as delivered`, async () => {
		// n8n's list leaves out executions its main process counts as running (see `execution()`): those are read by ID.
		const sentBy = Array.from({ length: FLIGHT }, (_, i) => executionOf(`fail-${i}`));
		const readAll = async (includeData: boolean) => {
			const listed = new Map((await n8n.api.executions(workflowId, includeData)).map((e) => [String(e.id), e]));
			return await Promise.all(sentBy.map(async (id) => listed.get(id) ?? (await n8n.api.execution(id, includeData))));
		};
		const ids = await waitFor('the executions of the messages in flight to finish', async () => {
			const list = await readAll(false);
			return list.every((e) => ['success', 'error'].includes(e.status)) ? list : undefined;
		}, { timeoutMs: 480_000, intervalMs: 3000 });
		expect(ids.map((e) => e.status)).toEqual(ids.map(() => 'success'));
		await sim.idle();
		for (let i = 0; i < FLIGHT; i++) {
			const copies = copiesOf(`fail-${i}`);
			expect(copies).toHaveLength(2);
			expect(copies[1].body).toEqual(copies[0].body);
			expect(outcomesOf(`fail-${i}`)).toEqual([false, true]);
		}
		// What the node output. In queue mode n8n's public API has returned some finished executions without this
		// node's data although the database held it; such executions are covered by the checks above only.
		const read = (await readAll(true)).filter((e) => e.data?.resultData.runData.Deliver);
		expect(read.length).toBeGreaterThan(0);
		for (const execution of read) {
			const i = sentBy.indexOf(String(execution.id));
			expect(nodeOutput(execution, 'Deliver')).toEqual([expect.objectContaining({ messageId: `fail-${i}`, delivered: true, attempts: 2 })]);
		}
	}, 540_000);

	it('fails the execution of an always failing message after Max Attempts; the messages around it are delivered', async () => {
		for (const good of ['good-1', 'good-2']) {
			const execution = await finishedSend(good);
			expect(execution.status).toBe('success');
			expect(nodeOutput(execution, 'Deliver')[0]).toMatchObject({ messageId: good, delivered: true, attempts: 1 });
			expect(copiesOf(good)).toHaveLength(1);
		}
		const bad = await finishedSend('bad-1');
		expect(bad.status).toBe('error');
		expect(bad.data?.resultData.error?.message).toBe(
			'BRIX did not confirm message bad-1 after 3 attempt(s): BRIX answered success=false to attempt 3',
		);
		await sim.idle();
		expect(copiesOf('bad-1')).toHaveLength(3);
		expect(outcomesOf('bad-1')).toEqual([false, false, false]);
	});

	it('re-sends a message that got no messageOutcome within the configured time', async () => {
		const execution = await finishedSend('silent-1');
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Deliver')[0]).toMatchObject({ messageId: 'silent-1', delivered: true, attempts: 2 });
		await sim.idle();
		const copies = copiesOf('silent-1');
		expect(copies).toHaveLength(2);
		expect(copies[1].body).toEqual(copies[0].body);
		expect(outcomesOf('silent-1')).toEqual([true]);
	});

	it('resumes and re-sends waiting messages after n8n restarts', async () => {
		sim.options.flowDelayMs = undefined;
		const before = new Set((await n8n.api.executions(workflowId, false)).map((e) => e.id));
		expect((await send('held-1', { timeout: 900 })).status).toBe(200);
		// Due after the stop (which may take a while in queue mode), so the n8n that starts again re-sends it.
		expect((await send('silent-2', { timeout: 45 })).status).toBe(200);
		await waitFor('both messages sent and their executions waiting', async () => {
			await sim.idle();
			if (copiesOf('held-1').length !== 1 || copiesOf('silent-2').length !== 1) return undefined;
			const added = (await n8n.api.executions(workflowId, false)).filter((e) => !before.has(e.id));
			return added.length === 2 && added.every((e) => e.status === 'waiting') ? true : undefined;
		});

		// In queue mode the worker is up before main resumes the message that fell due meanwhile (README, "Queue mode").
		n8n = await restartTestN8n(n8n, { env: postgres?.env, workerFirst: true });
		await connectTrigger();

		// n8n looks for due waiting executions when it starts: the silent message is sent again and confirmed.
		const silent = await finishedSend('silent-2');
		expect(silent.status).toBe('success');
		expect(nodeOutput(silent, 'Deliver')[0]).toMatchObject({ messageId: 'silent-2', delivered: true, attempts: 2 });
		expect(copiesOf('silent-2')).toHaveLength(2);

		// An outcome that arrives after the restart still reaches the execution that waits for it.
		const heldId = String((copiesOf('held-1')[0].body!.data as Record<string, unknown>).externalMessageId);
		expect((await sim.sendMessageOutcome(heldId, true)).status).toBe(200);
		const held = await finishedSend('held-1');
		expect(held.status).toBe('success');
		expect(nodeOutput(held, 'Deliver')[0]).toMatchObject({ messageId: 'held-1', delivered: true, attempts: 1 });
		expect(copiesOf('held-1')).toHaveLength(1);
	}, 400_000);
});
