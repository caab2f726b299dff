import axios from 'axios';
import { randomUUID } from 'crypto';

import { nodeOutput } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { N8N_BEFORE_2_41, nodeType } from '../harness/paths';
import { chain, webhookUrl } from '../harness/workflow';
import { OUTGOING_SAMPLES, start, type BonyChatSimulator } from '../../simulators/bonychat';

let n8n: N8nInstance;
let sim: BonyChatSimulator;
let cred: { id: string; name: string };

beforeAll(async () => {
	sim = await start();
	n8n = await startTestN8n();
	cred = await n8n.api.createCredential('bonyChatApi', {
		channelId: sim.channelId,
		apiToken: sim.apiToken,
		webhookUrl: sim.webhookUrl,
	});
});
afterAll(async () => {
	await n8n?.stop();
	await sim?.stop();
});

const TRIGGER = 'BonyChat Trigger';

async function triggerWorkflow(replyMode: string, tail: Array<{ name: string; type: string; typeVersion?: number; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>) {
	const wf = chain(`bonychat ${replyMode} ${randomUUID().slice(0, 6)}`, [
		{ name: TRIGGER, type: nodeType('bonyChatTrigger'), webhook: true, parameters: { replyMode }, credentials: { bonyChatApi: cred } },
		...tail,
	]);
	const id = await n8n.api.createWorkflow(wf);
	await n8n.api.activate(id);
	const url = webhookUrl(n8n.baseUrl, wf.nodes[0], 'message');
	await n8n.api.waitForWebhook(url);
	return { id, apiBaseUrl: url.replace(/\/message$/, '') };
}

const noOp = { name: 'Done', type: 'n8n-nodes-base.noOp', parameters: {} };
const setMessageId = {
	name: 'Reply',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		includeOtherFields: false,
		assignments: {
			assignments: [{ id: randomUUID(), name: 'mId', type: 'string', value: '={{ "dest-" + $json.bonychat.messageType + "-" + $json.chatId }}' }],
		},
		options: {},
	},
};
const fail = {
	name: 'Fail',
	type: 'n8n-nodes-base.stopAndError',
	parameters: { errorType: 'errorMessage', errorMessage: 'destination refused the message' },
};

describe('BonyChat Trigger in real n8n', () => {
	let immediate: { id: string; apiBaseUrl: string };

	beforeAll(async () => {
		immediate = await triggerWorkflow('immediately', [noOp]);
	});

	it('answers 200 {mId} at once for every message type and emits the common message shape', async () => {
		const types = Object.keys(OUTGOING_SAMPLES) as Array<keyof typeof OUTGOING_SAMPLES>;
		const answers: Record<string, string> = {};
		for (const type of types) {
			const response = await sim.sendOutgoing(immediate.apiBaseUrl, OUTGOING_SAMPLES[type]);
			expect(response.status).toBe(200);
			expect(Object.keys(response.body as object)).toEqual(['mId']);
			const mId = (response.body as { mId: string }).mId;
			expect(typeof mId).toBe('string');
			expect(mId.length).toBeGreaterThan(0);
			expect(mId.length).toBeLessThanOrEqual(50);
			answers[type] = mId;
		}
		const executions = await n8n.api.waitForExecutions(immediate.id, types.length);
		const outputs = executions.map((execution) => nodeOutput(execution, TRIGGER)[0]);
		const byType = Object.fromEntries(outputs.map((output) => [(output.bonychat as { messageType: string }).messageType, output]));
		for (const type of types) {
			const out = byType[type];
			expect(out).toBeDefined();
			expect(out.platform).toBe('bonychat');
			expect(out.event).toBe('message');
			expect(out.chatId).toBe(OUTGOING_SAMPLES[type].contactId);
			expect(out.userId).toBe(OUTGOING_SAMPLES[type].contactId);
			expect(out.channelId).toBe('gfd8g7fd89dgfd');
			expect(out.messageId).toBe(answers[type]);
			expect(out.raw).toEqual(OUTGOING_SAMPLES[type]);
			expect(Number.isNaN(Date.parse(out.timestamp as string))).toBe(false);
		}
		expect(byType.text.text).toBe('Hello World');
		expect(byType.attachment.attachments).toEqual([
			{ type: 'image', url: 'https://example.com/pic.jpg', name: 'pic.jpg', mimeType: 'image/jpeg' },
		]);
		expect(byType.attachment.text).toBe('A picture');
		expect((byType.location.bonychat as Record<string, unknown>).location).toEqual({ latitude: 3.139, longitude: 101.6869, address: 'Kuala Lumpur' });
		expect(byType.quick_reply.text).toBe('Pick one');
		expect((byType.quick_reply.bonychat as Record<string, unknown>).quickReplies).toEqual(['Yes', 'No']);
	});

	it('shows the exact API Base URL: a GET on it names itself and starts nothing', async () => {
		const before = (await n8n.api.executions(immediate.id, false)).length;
		const response = await axios.get(immediate.apiBaseUrl, { validateStatus: () => true });
		expect(response.status).toBe(200);
		expect(response.data.apiBaseUrl).toBe(immediate.apiBaseUrl);
		expect(JSON.stringify(response.data)).not.toContain(sim.apiToken);
		expect(await n8n.api.settledExecutionCount(immediate.id)).toBe(before);
	});

	it('rejects a missing or wrong token with 401 and starts no execution', async () => {
		const before = (await n8n.api.executions(immediate.id, false)).length;
		const cases = [
			await sim.sendOutgoing(immediate.apiBaseUrl, OUTGOING_SAMPLES.text, { token: null }),
			await sim.sendOutgoing(immediate.apiBaseUrl, OUTGOING_SAMPLES.text, { token: 'wrong-token' }),
			await sim.sendOutgoing(immediate.apiBaseUrl, OUTGOING_SAMPLES.text, { token: `${sim.apiToken}x` }),
		];
		const basic = await axios.post(`${immediate.apiBaseUrl}/message`, OUTGOING_SAMPLES.text, {
			headers: { authorization: `Basic ${sim.apiToken}` },
			validateStatus: () => true,
		});
		for (const response of [...cases, { status: basic.status, body: basic.data }]) {
			expect(response.status).toBe(401);
			expect(typeof (response.body as { error: { message: string } }).error.message).toBe('string');
			expect(JSON.stringify(response.body)).not.toContain(sim.apiToken);
		}
		expect(await n8n.api.settledExecutionCount(immediate.id)).toBe(before);
	});

	it('rejects malformed bodies with 400 {error:{message}} naming the problem, without an execution', async () => {
		const before = (await n8n.api.executions(immediate.id, false)).length;
		const cases: Array<[{ rawBody?: string; body?: unknown }, RegExp]> = [
			[{ rawBody: '{not json' }, /not valid JSON/],
			[{ rawBody: '' }, /empty/],
			[{ body: [1, 2] }, /JSON object/],
			[{ body: { message: { type: 'text', text: 'x' } } }, /contactId/],
			[{ body: { contactId: 'abc' } }, /message/],
			[{ body: { contactId: 'abc', message: { type: 'sticker' } } }, /body\.message\.type/],
			[{ body: { contactId: 'abc', message: { type: 'text' } } }, /body\.message\.text/],
			[{ body: { contactId: 'abc', message: { type: 'attachment', attachment: { type: 'gif', url: 'https://x' } } } }, /body\.message\.attachment\.type/],
			[{ body: { contactId: 'abc', message: { type: 'location', latitude: 91, longitude: 0 } } }, /body\.message\.latitude/],
			[{ body: { contactId: 'abc', message: { type: 'quick_reply', title: 't', replies: 'yes' } } }, /body\.message\.replies/],
		];
		for (const [input, pattern] of cases) {
			const response = await sim.sendOutgoing(immediate.apiBaseUrl, input.body, { rawBody: input.rawBody });
			expect(response.status).toBe(400);
			const message = (response.body as { error: { message: string } }).error.message;
			expect(message).toMatch(pattern);
		}
		expect(await n8n.api.settledExecutionCount(immediate.id)).toBe(before);
	});

	it('answers with the mId the workflow produced when the reply comes from the last node', async () => {
		const wf = await triggerWorkflow('lastNode', [setMessageId]);
		for (const type of Object.keys(OUTGOING_SAMPLES) as Array<keyof typeof OUTGOING_SAMPLES>) {
			const response = await sim.sendOutgoing(wf.apiBaseUrl, OUTGOING_SAMPLES[type]);
			expect(response.status).toBe(200);
			expect(response.body).toEqual({ mId: `dest-${type}-${OUTGOING_SAMPLES[type].contactId}` });
		}
		const executions = await n8n.api.waitForExecutions(wf.id, 4);
		for (const execution of executions) {
			expect(execution.status).toBe('success');
			expect(nodeOutput(execution, TRIGGER)[0].messageId).toBeUndefined();
		}
		const unauthorized = await sim.sendOutgoing(wf.apiBaseUrl, OUTGOING_SAMPLES.text, { token: 'nope' });
		expect(unauthorized.status).toBe(401);
		expect(await n8n.api.settledExecutionCount(wf.id)).toBe(4);
	});

	it('answers from a Reply to Outgoing Message node: {mId} on success, 4xx {error:{message}} from an error branch', async () => {
		const ok = await triggerWorkflow('replyOperation', [
			{
				name: 'Reply',
				type: nodeType('bonyChat'),
				parameters: { resource: 'message', operation: 'reply', outcome: 'sent', replyMessageId: '={{ "dest-" + $json.chatId }}' },
			},
		]);
		const success = await sim.sendOutgoing(ok.apiBaseUrl, OUTGOING_SAMPLES.text);
		expect(success.status).toBe(200);
		expect(success.body).toEqual({ mId: 'dest-+60177872890' });

		const wf = chain(`bonychat reply failure ${randomUUID().slice(0, 6)}`, [
			{ name: TRIGGER, type: nodeType('bonyChatTrigger'), webhook: true, parameters: { replyMode: 'replyOperation' }, credentials: { bonyChatApi: cred } },
			{
				name: 'Fail',
				type: nodeType('bonyChat'),
				credentials: { bonyChatApi: cred },
				parameters: { resource: 'message', operation: 'send', contactId: 'not a valid id!', messageType: 'text' },
			},
			{ name: 'Reply Failed', type: nodeType('bonyChat'), parameters: { resource: 'message', operation: 'reply', outcome: 'failed', statusCode: 422 } },
		]);
		(wf.nodes[1] as unknown as Record<string, unknown>).onError = 'continueErrorOutput';
		wf.connections = {
			[TRIGGER]: { main: [[{ node: 'Fail', type: 'main', index: 0 }]] },
			Fail: { main: [[], [{ node: 'Reply Failed', type: 'main', index: 0 }]] },
		};
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = webhookUrl(n8n.baseUrl, wf.nodes[0], 'message');
		await n8n.api.waitForWebhook(url);
		const failure = await sim.sendOutgoing(url.replace(/\/message$/, ''), OUTGOING_SAMPLES.text);
		expect(failure.status).toBe(422);
		expect(failure.body).toEqual({
			error: { message: expect.stringMatching(/^Contact ID may only contain A-Z, a-z, 0-9/) },
		});
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
	});

	it('answers 500 when the workflow fails in last-node mode, so the platform marks the message failed', async () => {
		const wf = await triggerWorkflow('lastNode', [fail]);
		const response = await sim.sendOutgoing(wf.apiBaseUrl, OUTGOING_SAMPLES.text);
		expect(response.status).toBe(500);
		// n8n writes this body itself; it is not the channel's {error:{message}} shape.
		expect(response.body).toEqual({ message: 'Error in workflow' });
		const [execution] = await n8n.api.waitForExecutions(wf.id, 1);
		expect(execution.status).toBe('error');
	});
});

describe('BonyChat action in real n8n', () => {
	const workflows: Record<string, { url: string; id: string }> = {};

	async function actionWorkflow(operation: string) {
		const path = `bony-${operation}-${randomUUID()}`;
		const body = (name: string) => `={{ $json.body.${name} }}`;
		const wf = chain(`bonychat action ${path}`, [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhook: true,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				name: 'BonyChat',
				type: nodeType('bonyChat'),
				credentials: { bonyChatApi: cred },
				parameters: {
					resource: 'message',
					operation,
					contactId: body('contactId'),
					messageType: body('messageType'),
					text: body('text'),
					attachments: body('attachments'),
					attachmentDescription: '={{ $json.body.attachmentDescription ?? "" }}',
					latitude: '={{ $json.body.latitude ?? 0 }}',
					longitude: '={{ $json.body.longitude ?? 0 }}',
					address: '={{ $json.body.address ?? "" }}',
					quickReplyTitle: '={{ $json.body.title ?? "" }}',
					replies: '={{ $json.body.replies ?? [] }}',
					mId: body('mId'),
					timestamp: body('timestamp'),
					status: '={{ $json.body.status ?? "delivered" }}',
					failureReason: '={{ $json.body.failureReason ?? "" }}',
					contact: {
						firstName: '={{ $json.body.contact?.firstName ?? "" }}',
						lastName: '={{ $json.body.contact?.lastName ?? "" }}',
						countryCode: '={{ $json.body.contact?.countryCode ?? "" }}',
						email: '={{ $json.body.contact?.email ?? "" }}',
						phone: '={{ $json.body.contact?.phone ?? "" }}',
						language: '={{ $json.body.contact?.language ?? "" }}',
						timezone: '={{ $json.body.contact?.timezone ?? "" }}',
					},
				},
			},
		]);
		const id = await n8n.api.createWorkflow(wf);
		await n8n.api.activate(id);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		await n8n.api.waitForWebhook(url);
		workflows[operation] = { url, id };
	}

	beforeAll(async () => {
		for (const operation of ['send', 'echo', 'updateStatus']) await actionWorkflow(operation);
	});

	async function run(input: Record<string, unknown>) {
		const { operation, ...rest } = input as { operation: string };
		const before = sim.requests.length;
		const response = await axios.post(workflows[operation].url, rest, { validateStatus: () => true });
		return { response, posted: sim.requests.slice(before) };
	}

	const TS = 1721129985149;

	it('posts every message type as a documented message event', async () => {
		const contact = { firstName: 'John', lastName: 'Doe', countryCode: 'my', email: 'john@respond.io', phone: '+60177872890', language: 'EN', timezone: 8 };
		const { response, posted } = await run({ operation: 'send', contactId: '+60177872890', messageType: 'text', text: 'Hello World', mId: 'xcvzzxcxczxczxc', timestamp: TS, contact });
		expect(response.status).toBe(200);
		expect(posted).toHaveLength(1);
		expect(posted[0].errors).toEqual([]);
		expect(posted[0].headers.authorization).toBe(`Bearer ${sim.apiToken}`);
		expect(posted[0].body).toEqual({
			channelId: sim.channelId,
			contactId: '+60177872890',
			events: [{ type: 'message', mId: 'xcvzzxcxczxczxc', timestamp: TS, message: { type: 'text', text: 'Hello World' } }],
			contact: { firstName: 'John', lastName: 'Doe', countryCode: 'MY', email: 'john@respond.io', phone: '+60177872890', language: 'en', timezone: 8 },
		});

		const attachment = await run({
			operation: 'send', contactId: 'user_1', messageType: 'attachment', mId: 'att-1', timestamp: TS,
			attachments: [{ type: 'image', url: 'https://example.com/a.png', name: 'a.png', mimeType: 'image/png' }],
			attachmentDescription: 'caption',
		});
		expect(attachment.posted[0].errors).toEqual([]);
		expect(attachment.posted[0].body).toEqual({
			channelId: sim.channelId, contactId: 'user_1',
			events: [{ type: 'message', mId: 'att-1', timestamp: TS, message: { type: 'attachment', attachment: { type: 'image', url: 'https://example.com/a.png', mimeType: 'image/png', fileName: 'a.png', description: 'caption' } } }],
		});

		const location = await run({ operation: 'send', contactId: 'user_1', messageType: 'location', mId: 'loc-1', timestamp: TS, latitude: 3.139, longitude: 101.6869, address: 'KL' });
		expect(location.posted[0].errors).toEqual([]);
		expect((location.posted[0].body as { events: unknown[] }).events).toEqual([
			{ type: 'message', mId: 'loc-1', timestamp: TS, message: { type: 'location', latitude: 3.139, longitude: 101.6869, address: 'KL' } },
		]);

		const quick = await run({ operation: 'send', contactId: 'user_1', messageType: 'quick_reply', mId: 'qr-1', timestamp: TS, title: 'Pick', replies: ['Yes', 'No'] });
		expect(quick.posted[0].errors).toEqual([]);
		expect((quick.posted[0].body as { events: unknown[] }).events).toEqual([
			{ type: 'message', mId: 'qr-1', timestamp: TS, message: { type: 'quick_reply', title: 'Pick', replies: ['Yes', 'No'] } },
		]);

		const auto = await run({
			operation: 'send', contactId: 'user_1', messageType: 'auto', mId: 'auto-1', timestamp: '2024-07-16T11:39:45.149Z', text: 'see file',
			attachments: [{ type: 'file', url: 'https://example.com/r.pdf', name: 'r.pdf' }],
		});
		expect(auto.posted[0].errors).toEqual([]);
		expect((auto.posted[0].body as { events: unknown[] }).events).toEqual([
			{ type: 'message', mId: 'auto-1', timestamp: TS, message: { type: 'text', text: 'see file' } },
			{ type: 'message', mId: 'auto-1_2', timestamp: TS, message: { type: 'attachment', attachment: { type: 'file', url: 'https://example.com/r.pdf', fileName: 'r.pdf' } } },
		]);
	});

	it('posts message_echo and message_status events', async () => {
		const echo = await run({ operation: 'echo', contactId: 'user_1', messageType: 'text', text: 'sent from the phone app', mId: 'echo-1', timestamp: TS });
		expect(echo.posted[0].errors).toEqual([]);
		expect((echo.posted[0].body as { events: unknown[] }).events).toEqual([
			{ type: 'message_echo', mId: 'echo-1', timestamp: TS, message: { type: 'text', text: 'sent from the phone app' } },
		]);
		for (const status of ['sent', 'delivered', 'read', 'failed']) {
			const result = await run({ operation: 'updateStatus', contactId: 'user_1', mId: `out-${status}`, timestamp: TS, status, failureReason: 'number blocked' });
			expect(result.response.status).toBe(200);
			expect(result.posted[0].errors).toEqual([]);
			expect(result.posted[0].body).toEqual({
				channelId: sim.channelId,
				contactId: 'user_1',
				events: [{ type: 'message_status', mId: `out-${status}`, timestamp: TS, status: status === 'failed' ? { value: 'failed', message: 'number blocked' } : { value: status } }],
			});
		}
	});

	it('reads its defaults from the common message shape (trigger -> action with no mapping)', async () => {
		const wf = await triggerWorkflow('immediately', [
			{ name: 'Echo', type: nodeType('bonyChat'), parameters: { resource: 'message', operation: 'echo' }, credentials: { bonyChatApi: cred } },
		]);
		const before = sim.requests.length;
		const response = await sim.sendOutgoing(wf.apiBaseUrl, {
			contactId: 'user_7',
			message: { type: 'attachment', attachment: { type: 'file', url: 'https://example.com/r.pdf', fileName: 'r.pdf' } },
		});
		expect(response.status).toBe(200);
		const mId = (response.body as { mId: string }).mId;
		const [execution] = await n8n.api.waitForExecutions(wf.id, 1);
		expect(execution.status).toBe('success');
		const posted = sim.requests.slice(before);
		expect(posted).toHaveLength(1);
		expect(posted[0].errors).toEqual([]);
		const body = posted[0].body as { contactId: string; events: Array<Record<string, unknown>> };
		expect(body.contactId).toBe('user_7');
		expect(body.events).toHaveLength(1);
		expect(body.events[0]).toMatchObject({
			type: 'message_echo',
			mId,
			message: { type: 'attachment', attachment: { type: 'file', url: 'https://example.com/r.pdf', fileName: 'r.pdf' } },
		});
	});

	it('tests the credential without posting an event', async () => {
		const test = async (apiToken: string) => {
			const data = { channelId: sim.channelId, apiToken, webhookUrl: sim.webhookUrl };
			const saved = await n8n.api.createCredential('bonyChatApi', data);
			const response = await n8n.api.rest.post('/credentials/test', {
				credentials: { id: saved.id, name: saved.name, type: 'bonyChatApi', data },
			});
			if (!response.data?.data) throw new Error(`credential test call failed: ${response.status} ${JSON.stringify(response.data)}`);
			return response.data as { data?: { status: string; message: string } };
		};
		const withEvents = () => sim.requests.filter((r) => ((r.body as { events?: unknown[] })?.events ?? []).length > 0).length;
		const before = withEvents();
		const probes = sim.requests.length;
		expect((await test(sim.apiToken)).data?.status).toBe('OK');
		const wrong = await test('wrong');
		expect(wrong.data?.status).toBe('Error');
		// n8n before 2.41.1 may report a 401 with its own message instead of the credential's rule.
		expect(wrong.data?.message).toMatch(N8N_BEFORE_2_41 ? /API token|^Authorization failed/ : /API token/);
		const made = sim.requests.slice(probes);
		expect(made.length).toBeGreaterThanOrEqual(2);
		for (const request of made) expect(JSON.parse(request.rawBody)).toEqual({ channelId: sim.channelId, events: [] });
		expect(withEvents()).toBe(before);
	});

	it('refuses values beyond the documented limits before sending anything, naming the field', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ operation: 'send', contactId: 'a'.repeat(51), messageType: 'text', text: 'x' }, /^Contact ID is 51 characters long; the limit is 50/],
			[{ operation: 'send', contactId: 'bad id!', messageType: 'text', text: 'x' }, /^Contact ID may only contain/],
			[{ operation: 'send', contactId: 'ok', messageType: 'text', text: 'x'.repeat(7001) }, /^Text is 7001 characters long; the limit is 7000/],
			[{ operation: 'send', contactId: 'ok', messageType: 'quick_reply', title: 'q', replies: Array.from({ length: 11 }, (_, i) => `r${i}`) }, /^Replies holds 11 replies; the limit is 10/],
			[{ operation: 'send', contactId: 'ok', messageType: 'attachment', attachments: [{ type: 'image', url: `https://x.com/${'a'.repeat(2000)}` }] }, /^Attachment URL is 2014 characters long; the limit is 2000/],
			[{ operation: 'updateStatus', contactId: 'ok', mId: '', status: 'read' }, /^Message ID is required/],
		];
		for (const [input, pattern] of cases) {
			const operation = input.operation as string;
			const before = (await n8n.api.executions(workflows[operation].id, false)).length;
			const { response, posted } = await run(input);
			expect(response.status).toBe(500);
			expect(posted).toHaveLength(0);
			const executions = await n8n.api.waitForExecutions(workflows[operation].id, before + 1);
			const last = executions[executions.length - 1];
			expect(last.status).toBe('error');
			expect(last.data?.resultData.error?.message).toMatch(pattern);
		}
	});
});
