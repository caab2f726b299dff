import axios from 'axios';
import { randomUUID } from 'crypto';

import { faultServer, hang, json, reset, type FaultServer } from '../../support/fault-server';
import type { Reply } from '../../support/scripted-server';
import { nodeOutput, type Execution, type WorkflowNode } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';

/**
 * Platform faults against every action node, in real n8n: a fault-injecting platform answers 500 / 502 / 503 /
 * 504 / 429 with Retry-After, resets connections or never answers. Requests that are safe to repeat (they carry
 * an idempotency key, or set / read state) are retried with backoff; the others are sent once and fail with a
 * clear node error, unless the user turned on n8n's own "Retry On Fail". "Continue On Fail" is honoured.
 */

const BRIX_SECRET = 'brix-fault-secret-9c1f04e7';
const UCHAT_FLOW_KEY = 'uchat-flow-secret-77aa5d02';
const UCHAT_PARTNER_KEY = 'uchat-partner-secret-31bb8e46';
const BONYCHAT_TOKEN = 'bony-fault-token-6a1d93c2';
const SELARTI_TOKEN = 'selarti-fault-token-2f7be018';
const SELARTI_SECRET = 'selarti-fault-hook-55c0a7d1';
const SECRETS = [BRIX_SECRET, UCHAT_FLOW_KEY, UCHAT_PARTNER_KEY, BONYCHAT_TOKEN, SELARTI_TOKEN, SELARTI_SECRET];

const ok = json(200, { ok: true });
const uchatOk = json(200, { status: 'ok' });
const webhookOk = json(200, {
	status: 'ok',
	data: { webhook_url: 'https://n8n.example.com/webhook/x/webhook', webhook_verification_key: 'k', webhook_status: 'verified', bot_url: 'https://bot.example.com/b' },
});
const fail = (status: number, headers: Record<string, string> = {}) => json(status, { error: { message: `injected ${status}` } }, headers);

let n8n: N8nInstance;
let platform: FaultServer;
let brixCred: { id: string; name: string };
let flowCred: { id: string; name: string };
let partnerCred: { id: string; name: string };
let bonyCred: { id: string; name: string };
let selartiCred: { id: string; name: string };

interface Flow {
	path: string;
	workflowId: string;
}

/** Settings n8n stores on a node (Settings tab): on error, retry on fail. */
type NodeSettings = { onError?: string; retryOnFail?: boolean; maxTries?: number; waitBetweenTries?: number };

async function flow(action: Omit<WorkflowNode, 'id' | 'position' | 'typeVersion' | 'name'> & NodeSettings): Promise<Flow> {
	const path = `fault-${randomUUID()}`;
	const nodes: WorkflowNode[] = [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		},
		{ id: randomUUID(), name: 'Action', typeVersion: 1, position: [260, 0], ...action } as WorkflowNode,
	];
	const workflowId = await n8n.api.createWorkflow({
		name: `faults ${action.type} ${path}`,
		nodes,
		connections: { Webhook: { main: [[{ node: 'Action', type: 'main', index: 0 }]] } },
	});
	await n8n.api.activate(workflowId);
	await n8n.api.waitForWebhook(`${n8n.baseUrl}/webhook/${path}`);
	return { path, workflowId };
}

interface Run {
	status: number;
	execution: Execution;
	/** The node error when the execution failed. */
	error?: string;
	output: Array<Record<string, unknown>>;
	requests: FaultServer['requests'];
}

async function run(target: Flow, replies: Reply[], body: Record<string, unknown> = {}): Promise<Run> {
	platform.script(replies);
	const before = (await n8n.api.executions(target.workflowId, false)).length;
	const response = await axios.post(`${n8n.baseUrl}/webhook/${target.path}`, body, { validateStatus: () => true, timeout: 180_000 });
	const executions = await n8n.api.waitForExecutions(target.workflowId, before + 1, 180_000);
	const execution = executions[executions.length - 1];
	const error = execution.data?.resultData.error?.message;
	let output: Array<Record<string, unknown>> = [];
	try {
		output = nodeOutput(execution, 'Action');
	} catch {
		output = [];
	}
	expect(SECRETS.filter((secret) => JSON.stringify(execution).includes(secret))).toEqual([]);
	expect(SECRETS.filter((secret) => JSON.stringify(response.data ?? '').includes(secret))).toEqual([]);
	return { status: response.status, execution, error, output, requests: [...platform.requests] };
}

const gaps = (requests: FaultServer['requests']) => requests.slice(1).map((request, index) => request.at - requests[index].at);

beforeAll(async () => {
	platform = await faultServer();
	n8n = await startTestN8n();
	brixCred = await n8n.api.createCredential('brixApi', { token: 'in', outgoingToken: BRIX_SECRET, baseUrl: platform.url, channelId: 'ch-1' });
	flowCred = await n8n.api.createCredential('uChatApi', { baseUrl: platform.url, apiKey: UCHAT_FLOW_KEY, botUrl: '' });
	partnerCred = await n8n.api.createCredential('uChatPartnerApi', { baseUrl: platform.url, apiKey: UCHAT_PARTNER_KEY });
	bonyCred = await n8n.api.createCredential('bonyChatApi', { channelId: 'ch-bony', apiToken: BONYCHAT_TOKEN, webhookUrl: `${platform.url}/bony/webhook` });
	selartiCred = await n8n.api.createCredential('selartiApi', { baseUrl: platform.url, apiToken: SELARTI_TOKEN, webhookSecret: SELARTI_SECRET });
});

afterAll(async () => {
	await n8n?.stop();
	await platform?.close();
});

describe('BRIX action node', () => {
	let send: Flow;
	let sendContinue: Flow;
	let getInfo: Flow;
	let disconnect: Flow;
	const sendParameters = () => ({
		resource: 'message',
		operation: 'send',
		target: 'webhookUrl',
		webhookUrl: `${platform.url}/brix/channel`,
		externalChatId: 'chat-1',
		externalUserId: 'user-1',
		text: 'hello',
		attachments: '',
		externalMessageId: '={{ $json.body.messageId }}',
		// The fault cases look at one request and its answer; no BRIX Trigger reports outcomes here.
		waitForDelivery: false,
		// The node option under test in the timeout case (default 30 s, unit-tested): a short one keeps the suite short.
		requestOptions: { timeout: 3 },
	});

	beforeAll(async () => {
		const brix = { type: nodeType('brix'), credentials: { brixApi: brixCred } };
		send = await flow({ ...brix, parameters: sendParameters() });
		sendContinue = await flow({ ...brix, parameters: sendParameters(), onError: 'continueRegularOutput' });
		getInfo = await flow({
			...brix,
			parameters: { resource: 'user', operation: 'getInfo', target: 'webhookUrl', webhookUrl: `${platform.url}/brix/channel`, userId: 'op-1' },
		});
		disconnect = await flow({
			...brix,
			parameters: { resource: 'channel', operation: 'disconnect', target: 'webhookUrl', webhookUrl: `${platform.url}/brix/channel` },
		});
	});

	// Every BRIX message carries its externalMessageId: repeating it is safe, so every fault is retried.
	it.each([
		['500', [fail(500), ok]],
		['502', [fail(502), ok]],
		['504', [fail(504), ok]],
		['503 twice', [fail(503), fail(503), ok]],
		['a connection reset', [reset, ok]],
	] as Array<[string, Reply[]]>)('send: retries after %s with the same externalMessageId, with backoff', async (_name, replies) => {
		const messageId = `msg-${randomUUID()}`;
		const result = await run(send, replies, { messageId });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe(200);
		expect(result.requests).toHaveLength(replies.length);
		const bodies = result.requests.map((request) => JSON.parse(request.body));
		for (const body of bodies) expect(body).toEqual(bodies[0]);
		expect(bodies[0]).toMatchObject({ type: 'message', token: BRIX_SECRET, data: { externalMessageId: messageId } });
		for (const gap of gaps(result.requests)) expect(gap).toBeGreaterThanOrEqual(200);
		expect(result.output[0]).toMatchObject({ messageId, statusCode: 200 });
	});

	it('send: waits as long as Retry-After demands after a 429', async () => {
		const result = await run(send, [fail(429, { 'retry-after': '2' }), ok], { messageId: `msg-${randomUUID()}` });
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(2);
		expect(gaps(result.requests)[0]).toBeGreaterThanOrEqual(1900);
	});

	it('send: retries after a timeout (no answer within the Request Options timeout, 3 s here)', async () => {
		const messageId = `msg-${randomUUID()}`;
		const result = await run(send, [hang, ok], { messageId });
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(2);
		expect(gaps(result.requests)[0]).toBeGreaterThanOrEqual(2_900);
		expect(JSON.parse(result.requests[1].body)).toEqual(JSON.parse(result.requests[0].body));
	});

	it('send: gives up after 4 attempts with a clear node error', async () => {
		const result = await run(send, [fail(500)], { messageId: `msg-${randomUUID()}` });
		expect(result.requests).toHaveLength(4);
		expect(result.execution.status).toBe('error');
		expect(result.error).toBe('BRIX answered 500: injected 500');
		const increasing = gaps(result.requests);
		expect(increasing[2]).toBeGreaterThanOrEqual(1000);
	});

	it('send: does not repeat a request BRIX rejected (400)', async () => {
		const result = await run(send, [fail(400), ok], { messageId: `msg-${randomUUID()}` });
		expect(result.requests).toHaveLength(1);
		expect(result.error).toBe('BRIX answered 400: injected 400');
	});

	it('send: Continue On Fail turns the failure into an output item', async () => {
		const result = await run(sendContinue, [fail(502)], { messageId: `msg-${randomUUID()}` });
		expect(result.execution.status).toBe('success');
		expect(result.requests).toHaveLength(4);
		expect(result.output).toHaveLength(1);
		expect(String(result.output[0].error)).toMatch(/BRIX answered 502: injected 502/);
	});

	it('getInfo (a read) is retried after 500', async () => {
		const result = await run(getInfo, [fail(500), json(200, { id: 'op-1', username: 'Operator' })]);
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(2);
		expect(result.output[0]).toMatchObject({ id: 'op-1', username: 'Operator' });
	});

	it('disconnect (no idempotency key) is sent once after 500 or a reset, but retried after 503', async () => {
		const failed = await run(disconnect, [fail(500), ok]);
		expect(failed.requests).toHaveLength(1);
		expect(failed.error).toBe('BRIX answered 500: injected 500');
		const broken = await run(disconnect, [reset, ok]);
		expect(broken.requests).toHaveLength(1);
		expect(broken.error).toBe('Could not reach BRIX');
		const busy = await run(disconnect, [fail(503), ok]);
		expect(busy.requests).toHaveLength(2);
		expect(busy.error).toBeUndefined();
	});
});

describe('UChat action node', () => {
	let send: Flow;
	let sendContinue: Flow;
	let sendRetryOnFail: Flow;
	let sendWithAttachment: Flow;
	let webhookGet: Flow;
	let webhookSet: Flow;
	const sendParameters = (extra: Record<string, unknown> = {}) => ({
		resource: 'message',
		operation: 'send',
		botUrl: `${platform.url}/bot/abc`,
		conversationId: '123',
		senderId: 'contact-1',
		text: 'hello',
		attachments: '',
		requestOptions: { timeout: 3 },
		...extra,
	});

	beforeAll(async () => {
		const uchat = { type: nodeType('uChat'), credentials: { uChatApi: flowCred } };
		send = await flow({ ...uchat, parameters: sendParameters() });
		sendContinue = await flow({ ...uchat, parameters: sendParameters(), onError: 'continueRegularOutput' });
		sendRetryOnFail = await flow({ ...uchat, parameters: sendParameters(), retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
		sendWithAttachment = await flow({
			...uchat,
			parameters: sendParameters({ attachments: JSON.stringify([{ type: 'image', url: 'https://cdn.example.com/a.png' }]) }),
		});
		const partner = { type: nodeType('uChat'), credentials: { uChatPartnerApi: partnerCred } };
		webhookGet = await flow({ ...partner, parameters: { resource: 'webhook', operation: 'get', workspaceId: 'ws-1' } });
		webhookSet = await flow({
			...partner,
			parameters: { resource: 'webhook', operation: 'set', workspaceId: 'ws-1', webhookUrl: 'https://n8n.example.com/webhook/x/webhook', verificationKey: 'k' },
		});
	});

	// A message posted to bot_url has no idempotency key: after an answer that does not prove it was dropped,
	// repeating it could deliver it twice, so it is sent once and the node fails.
	it.each([
		['500', fail(500), 'UChat answered 500: injected 500'],
		['502', fail(502), 'UChat answered 502: injected 502'],
		['504', fail(504), 'UChat answered 504: injected 504'],
		['a connection reset', reset, 'Could not reach UChat'],
	] as Array<[string, Reply, string]>)('send: is not repeated after %s and fails clearly', async (_name, reply, message) => {
		const result = await run(send, [reply, uchatOk]);
		expect(result.requests).toHaveLength(1);
		expect(result.execution.status).toBe('error');
		expect(result.error).toBe(message);
		expect(result.requests[0].headers.authorization).toBe(`Bearer ${UCHAT_FLOW_KEY}`);
	});

	it('send: is not repeated after a timeout', async () => {
		const result = await run(send, [hang, uchatOk]);
		expect(result.requests).toHaveLength(1);
		expect(result.error).toBe('Could not reach UChat');
	});

	it.each([
		['429 with Retry-After: 1', [fail(429, { 'retry-after': '1' }), uchatOk], 900],
		['503', [fail(503), uchatOk], 200],
		['429 then 503', [fail(429, { 'retry-after': '0' }), fail(503), uchatOk], 0],
	] as Array<[string, Reply[], number]>)('send: is retried after %s (the platform did not take it)', async (_name, replies, minGap) => {
		const result = await run(send, replies);
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(replies.length);
		expect(gaps(result.requests)[0]).toBeGreaterThanOrEqual(minGap);
		expect(result.output[0]).toMatchObject({ success: true, messages: 1 });
	});

	it('send: Continue On Fail turns the failure into an output item', async () => {
		const result = await run(sendContinue, [fail(500), uchatOk]);
		expect(result.requests).toHaveLength(1);
		expect(result.execution.status).toBe('success');
		expect(String(result.output[0].error)).toMatch(/UChat answered 500: injected 500/);
	});

	it('send: repeats only when the user turned on "Retry On Fail"', async () => {
		const result = await run(sendRetryOnFail, [fail(500), uchatOk]);
		expect(result.requests).toHaveLength(2);
		expect(result.error).toBeUndefined();
		expect(result.requests[1].body).toBe(result.requests[0].body);
	});

	it('send: text then attachment, the attachment fails: the text is not sent again', async () => {
		const result = await run(sendWithAttachment, [uchatOk, fail(500), uchatOk]);
		expect(result.requests).toHaveLength(2);
		expect(result.error).toBe('UChat answered 500: injected 500');
		expect(JSON.parse(result.requests[0].body)).toMatchObject({ event: 'message_created', content: 'hello' });
		expect(JSON.parse(result.requests[1].body)).toMatchObject({ attachments: [{ file_type: 'image' }] });
	});

	it.each([
		['get', 500],
		['get', 502],
		['set', 504],
	] as Array<['get' | 'set', number]>)('webhook %s (idempotent) is retried after %s', async (operation, status) => {
		const result = await run(operation === 'get' ? webhookGet : webhookSet, [fail(status), webhookOk]);
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(2);
		expect(result.requests[0].headers.authorization).toBe(`Bearer ${UCHAT_PARTNER_KEY}`);
		expect(result.requests[1].body).toBe(result.requests[0].body);
	});
});

describe('BonyChat action node', () => {
	let send: Flow;
	let sendContinue: Flow;
	const sendParameters = () => ({
		resource: 'message',
		operation: 'send',
		contactId: '+60177872890',
		mId: '={{ $json.body.messageId }}',
		timestamp: '',
		messageType: 'text',
		text: 'hello',
	});

	beforeAll(async () => {
		const bony = { type: nodeType('bonyChat'), credentials: { bonyChatApi: bonyCred } };
		send = await flow({ ...bony, parameters: sendParameters() });
		sendContinue = await flow({ ...bony, parameters: sendParameters(), onError: 'continueRegularOutput' });
	});

	// Every event carries its mId, which the platform de-duplicates on: every fault is retried with the same body.
	it.each([
		['500', [fail(500), ok]],
		['502 then 504', [fail(502), fail(504), ok]],
		['429 with Retry-After: 1', [fail(429, { 'retry-after': '1' }), ok]],
		['a connection reset', [reset, ok]],
	] as Array<[string, Reply[]]>)('send: retries after %s with the same mId', async (_name, replies) => {
		const messageId = `bony-${randomUUID()}`;
		const result = await run(send, replies, { messageId });
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(replies.length);
		for (const request of result.requests) expect(request.body).toBe(result.requests[0].body);
		expect(JSON.parse(result.requests[0].body).events[0]).toMatchObject({ type: 'message', mId: messageId });
		expect(result.requests[0].headers.authorization).toBe(`Bearer ${BONYCHAT_TOKEN}`);
	});

	it('send: gives up after 4 attempts with a clear node error; Continue On Fail gives an error item', async () => {
		const failed = await run(send, [fail(500)], { messageId: `bony-${randomUUID()}` });
		expect(failed.requests).toHaveLength(4);
		expect(failed.error).toBe('BonyChat / respond.io answered 500: injected 500');
		const continued = await run(sendContinue, [fail(500)], { messageId: `bony-${randomUUID()}` });
		expect(continued.execution.status).toBe('success');
		expect(String(continued.output[0].error)).toMatch(/answered 500: injected 500/);
	});
});

describe('Selarti action node', () => {
	let send: Flow;
	let sendContinue: Flow;
	const selartiOk = json(200, { status: 'success', response: {} });
	const sendParameters = () => ({
		resource: 'message',
		operation: 'sendExternal',
		taskId: '1721129985149x478019552540622850',
		chatId: '123456789',
		message: 'hello',
		attachments: '',
	});

	beforeAll(async () => {
		const selarti = { type: nodeType('selarti'), credentials: { selartiApi: selartiCred } };
		send = await flow({ ...selarti, parameters: sendParameters() });
		sendContinue = await flow({ ...selarti, parameters: sendParameters(), onError: 'continueRegularOutput' });
	});

	// A message to Selarti has no idempotency key (a repeat makes the AI answer twice): sent once after an
	// answer that does not prove it was dropped.
	it.each([
		['500', fail(500), 'Selarti answered 500: injected 500'],
		['502', fail(502), 'Selarti answered 502: injected 502'],
		['a connection reset', reset, 'Could not reach Selarti'],
	] as Array<[string, Reply, string]>)('sendExternal: is not repeated after %s', async (_name, reply, message) => {
		const result = await run(send, [reply, selartiOk]);
		expect(result.requests).toHaveLength(1);
		expect(result.error).toBe(message);
		expect(result.requests[0].headers.authorization).toBe(`Bearer ${SELARTI_TOKEN}`);
	});

	it.each([
		['429 with Retry-After: 1', [fail(429, { 'retry-after': '1' }), selartiOk]],
		['503', [fail(503), selartiOk]],
	] as Array<[string, Reply[]]>)('sendExternal: is retried after %s', async (_name, replies) => {
		const result = await run(send, replies);
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(2);
		expect(result.requests[1].body).toBe(result.requests[0].body);
	});

	it('sendExternal: Continue On Fail gives an error item', async () => {
		const result = await run(sendContinue, [fail(500), selartiOk]);
		expect(result.requests).toHaveLength(1);
		expect(result.execution.status).toBe('success');
		expect(String(result.output[0].error)).toMatch(/Selarti answered 500: injected 500/);
	});
});

describe('retailCRM Bot action node', () => {
	let send: Flow;
	let edit: Flow;
	const RETAILCRM_TOKEN = 'retailcrm-fault-bot-token-3e91';
	const sent = json(200, { message_id: 501, time: '2026-01-01T00:00:00Z' });

	beforeAll(async () => {
		const cred = await n8n.api.createCredential('retailCrmBotApi', { endpointUrl: platform.url, token: RETAILCRM_TOKEN });
		SECRETS.push(RETAILCRM_TOKEN);
		const bot = { type: nodeType('retailCrmBot'), credentials: { retailCrmBotApi: cred } };
		send = await flow({ ...bot, parameters: { resource: 'message', operation: 'send', chatId: '12', messageType: 'text', text: 'hello', attachments: '' } });
		edit = await flow({ ...bot, parameters: { resource: 'message', operation: 'edit', messageId: '501', text: 'hello again' } });
	});

	it('send (a new message, no idempotency key) is not repeated after 500 or a reset', async () => {
		const failed = await run(send, [fail(500), sent]);
		expect(failed.requests).toHaveLength(1);
		expect(failed.error).toMatch(/retailCRM answered 500/);
		const broken = await run(send, [reset, sent]);
		expect(broken.requests).toHaveLength(1);
		expect(broken.error).toBe('Could not reach retailCRM');
		expect(failed.requests[0].headers['x-bot-token']).toBe(RETAILCRM_TOKEN);
	});

	it('send is retried after 429 with Retry-After and 503', async () => {
		const result = await run(send, [fail(429, { 'retry-after': '1' }), fail(503), sent]);
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(3);
		expect(gaps(result.requests)[0]).toBeGreaterThanOrEqual(900);
	});

	it('edit (sets the same text again) is retried after 500 and 502', async () => {
		const result = await run(edit, [fail(500), fail(502), json(200, {})]);
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(3);
		for (const request of result.requests) expect(request.body).toBe(result.requests[0].body);
	});
});
