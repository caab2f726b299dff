import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { BrixTrigger } from '../../../nodes/Brix/BrixTrigger.node';
import { encodeDeliveryId } from '../../../nodes/Brix/delivery';

interface Captured {
	status?: number;
	body?: unknown;
}

function context(
	body: string,
	parameters: IDataObject,
	credentials: IDataObject | Error = { token: 'confirm' },
	staticData: IDataObject = {},
) {
	const captured: Captured = {};
	const res = {
		status(code: number) {
			captured.status = code;
			return res;
		},
		json(value: unknown) {
			captured.body = value;
		},
		type() {
			return res;
		},
		send(value: string) {
			captured.body = value;
		},
	};
	const ctx = {
		getRequestObject: () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, rawBody: Buffer.from(body) }),
		getResponseObject: () => res,
		getCredentials: async () => {
			if (credentials instanceof Error) throw credentials;
			return credentials;
		},
		getNodeParameter: (name: string, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
		getWorkflowStaticData: () => staticData,
		helpers: {
			returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
			httpRequest: jest.fn(async () => ({ statusCode: 200, body: { received: true } })),
		},
		evaluateExpression: () => 'http://127.0.0.1:5678/webhook-waiting/__UNKNOWN__',
		logger: { error: jest.fn(), debug: jest.fn() },
	} as unknown as IWebhookFunctions;
	return { ctx, captured };
}

const ALL = ['connect', 'disconnect', 'markAsRead', 'message', 'messageOutcome', 'userInfo'];
const run = (ctx: IWebhookFunctions) => new BrixTrigger().webhook.call(ctx);

describe('BrixTrigger.webhook', () => {
	it('starts an execution for selected events and leaves the answer to n8n, once the execution is stored', async () => {
		const { ctx, captured } = context(
			JSON.stringify({ type: 'markAsRead', token: 'confirm', data: { messageId: 'm1' } }),
			{ events: ALL, userInfoAnswer: 'node' },
		);
		const result = await run(ctx);
		expect(captured).toEqual({});
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toEqual({ success: true });
		expect(result.workflowData?.[0][0].json).toMatchObject({ platform: 'brix', event: 'markAsRead', messageId: 'm1' });
	});

	it('answers 200 without an execution for events that are not selected', async () => {
		const { ctx, captured } = context(JSON.stringify({ type: 'disconnect', token: 'confirm', channelId: 'c' }), {
			events: ['message'],
		});
		const result = await run(ctx);
		expect(captured).toEqual({});
		expect(result).toEqual({ webhookResponse: { success: true } });
	});

	it('leaves userInfo to the workflow in "From Workflow" mode', async () => {
		const { ctx, captured } = context(JSON.stringify({ type: 'userInfo', token: 'confirm', data: { userId: 'u1' } }), {
			events: ['message'],
			userInfoAnswer: 'workflow',
		});
		const result = await run(ctx);
		expect(captured.status).toBeUndefined();
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'userInfo', userId: 'u1' });
	});

	it('answers userInfo itself in "From Node" mode', async () => {
		const { ctx, captured } = context(JSON.stringify({ type: 'userInfo', token: 'confirm', data: { userId: 'u1' } }), {
			events: ['message'],
			userInfoAnswer: 'node',
		});
		const result = await run(ctx);
		expect(captured).toEqual({});
		expect(result).toEqual({ webhookResponse: { id: 'u1', username: 'u1', phoneNumber: '', avatar: '' } });
	});

	it('answers an unknown request type 200 without an execution', async () => {
		const { ctx, captured } = context(JSON.stringify({ type: 'typing', token: 'confirm' }), { events: ALL });
		expect(await run(ctx)).toEqual({ webhookResponse: { success: true } });
		expect(captured).toEqual({});
	});

	it('remembers a disconnected channel: its requests get 404 until BRIX connects it again', async () => {
		const stored: IDataObject = {};
		const send = async (request: IDataObject) => {
			const { ctx, captured } = context(JSON.stringify({ token: 'confirm', ...request }), { events: ['message'] }, undefined, stored);
			const result = await run(ctx);
			return captured.status ?? (result.workflowData ? 'execution' : 200);
		};
		const message = { type: 'message', channelId: 'c9', data: { targetChatId: 'x', text: 'hi' } };
		expect(await send({ type: 'disconnect', channelId: 'c9' })).toBe(200);
		expect(stored).toEqual({ disconnectedChannels: ['c9'] });
		expect(await send(message)).toBe(404);
		expect(await send({ ...message, channelId: 'c8' })).toBe('execution');
		expect(await send({ type: 'connect', channelId: 'c9', data: { webhook: 'https://brix.example/api/messengers/external/other/webhook/c9' } })).toBe(200);
		expect(stored).toEqual({ disconnectedChannels: [] });
		expect(await send(message)).toBe('execution');
	});

	it('refuses every request with a clear error while the credential has no token', async () => {
		const { ctx, captured } = context(JSON.stringify({ type: 'message', data: { targetChatId: 'c' } }), { events: ALL }, { token: '' });
		expect(await run(ctx)).toEqual({ noWebhookResponse: true });
		expect(captured.status).toBe(401);
		expect(JSON.stringify(captured.body)).toContain('Accept Unauthenticated Requests');
		const open = context(JSON.stringify({ type: 'message', data: { targetChatId: 'c' } }), { events: ALL }, { token: '', acceptUnauthenticated: true });
		expect((await run(open.ctx)).workflowData).toBeDefined();
	});

	it.each([
		['{"type":', 400, 'not valid JSON'],
		['[]', 400, 'JSON object'],
		[JSON.stringify({ type: 'message', token: 'nope', data: { targetChatId: 'c' } }), 401, 'Token does not match'],
		[JSON.stringify({ token: 'confirm' }), 400, 'body.type is missing'],
		[JSON.stringify({ type: 'message', token: 'confirm', channelId: 'x', data: { targetChatId: 'c' } }), 404, 'Channel x'],
	])('rejects %s with %i and no execution', async (body, status, message) => {
		const { ctx, captured } = context(body, { events: ALL, allowedChannels: 'only-this' });
		const result = await run(ctx);
		expect(captured.status).toBe(status);
		expect(JSON.stringify(captured.body)).toContain(message);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('hands a messageOutcome to the execution that sent the message and outputs the workflow\'s message ID', async () => {
		const messageId = encodeDeliveryId({ original: 'extMsgId', executionId: '31', token: 'f'.repeat(64) });
		const { ctx, captured } = context(
			JSON.stringify({ type: 'messageOutcome', token: 'confirm', data: { success: false, messageId } }),
			{ events: ALL },
		);
		const result = await run(ctx);
		expect(ctx.helpers.httpRequest).toHaveBeenCalledWith(
			expect.objectContaining({
				url: `http://127.0.0.1:5678/webhook-waiting/31/brix-outcome?signature=${'f'.repeat(64)}`,
				body: { messageId, success: false },
			}),
		);
		expect(captured).toEqual({});
		expect(result.webhookResponse).toEqual({ success: true });
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'messageOutcome', messageId: 'extMsgId', brix: { success: false } });
		expect((result.workflowData?.[0][0].json.raw as IDataObject).data).toEqual({ success: false, messageId });
	});

	it('hands a successful messageOutcome over as success', async () => {
		const messageId = encodeDeliveryId({ original: 'okMsgId', executionId: '32', token: 'e'.repeat(64) });
		const { ctx } = context(JSON.stringify({ type: 'messageOutcome', token: 'confirm', data: { success: 'true', messageId } }), { events: ALL });
		const result = await run(ctx);
		expect(ctx.helpers.httpRequest).toHaveBeenCalledWith(expect.objectContaining({ body: { messageId, success: true } }));
		expect(result.workflowData?.[0][0].json).toMatchObject({ messageId: 'okMsgId', brix: { success: true } });
	});

	it('does not call n8n for outcomes of messages sent without waiting', async () => {
		const { ctx, captured } = context(
			JSON.stringify({ type: 'messageOutcome', token: 'confirm', data: { success: true, messageId: 'plain-1' } }),
			{ events: [] },
		);
		const result = await run(ctx);
		expect(ctx.helpers.httpRequest).not.toHaveBeenCalled();
		expect(captured).toEqual({});
		expect(result).toEqual({ webhookResponse: { success: true } });
	});

	it('answers 500 without details on an unexpected failure', async () => {
		const { ctx, captured } = context(
			JSON.stringify({ type: 'disconnect', token: 'confirm' }),
			{ events: ALL },
			new Error('secret detail'),
		);
		const result = await run(ctx);
		expect(captured).toEqual({ status: 500, body: { error: { message: 'Unexpected error while handling the request' } } });
		expect(result).toEqual({ noWebhookResponse: true });
	});
});
