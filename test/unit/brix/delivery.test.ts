import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	OUTCOME_PATH,
	OUTCOME_SLOT,
	currentExecutionAddress,
	decodeDeliveryId,
	encodeDeliveryId,
	forwardOutcome,
	originalMessageId,
	receiveOutcome,
} from '../../../nodes/Brix/delivery';

const TOKEN = 'a3f1'.repeat(16);

describe('delivery IDs', () => {
	it('round-trips the original ID, the execution ID and the resume token', () => {
		const id = encodeDeliveryId({ original: 'extMsgId', executionId: '1234', token: TOKEN });
		expect(id).toMatch(/^extMsgId~1234~[A-Za-z0-9_-]{43}$/);
		expect(decodeDeliveryId(id)).toEqual({ original: 'extMsgId', executionId: '1234', token: TOKEN });
		expect(originalMessageId(id)).toBe('extMsgId');
	});

	it('keeps originals that contain the separator or are empty', () => {
		for (const original of ['a~b~c', '', 'order 7 / ~', 'ü-🙂']) {
			const id = encodeDeliveryId({ original, executionId: '9', token: TOKEN });
			expect(decodeDeliveryId(id)?.original).toBe(original);
		}
	});

	it('leaves other IDs alone', () => {
		for (const id of ['message1', 'a~1~short', `x~1~${'a'.repeat(42)}`, `x~1~${'a'.repeat(44)}`, 'x~~' + 'A'.repeat(43)]) {
			expect(decodeDeliveryId(id)).toBeUndefined();
			expect(originalMessageId(id)).toBe(id);
		}
		expect(originalMessageId(undefined)).toBeUndefined();
	});

	it('reads the execution ID and token from the resume URL n8n gives the execution', () => {
		const ctx = {
			evaluateExpression: () => `http://n8n.local:5678/webhook-waiting/77?signature=${TOKEN}`,
		} as unknown as IExecuteFunctions;
		expect(currentExecutionAddress(ctx, 'm1')).toEqual({ original: 'm1', executionId: '77', token: TOKEN });
		const unsigned = { evaluateExpression: () => 'http://n8n.local:5678/webhook-waiting/77' } as unknown as IExecuteFunctions;
		expect(() => currentExecutionAddress(unsigned, 'm1')).toThrow('no resume URL with a token');
	});
});

function webhookContext(answers: Array<{ statusCode: number; body: unknown } | Error>) {
	const requests: IDataObject[] = [];
	const ctx = {
		evaluateExpression: () => 'https://n8n.example.com/base/webhook-waiting/__UNKNOWN__?signature=x',
		helpers: {
			httpRequest: jest.fn(async (options: IDataObject) => {
				requests.push(options);
				const answer = answers.shift() ?? { statusCode: 200, body: {} };
				if (answer instanceof Error) throw answer;
				return answer;
			}),
		},
		logger: { debug: jest.fn() },
	} as unknown as IWebhookFunctions;
	return { ctx, requests };
}

describe('forwardOutcome', () => {
	const id = encodeDeliveryId({ original: 'm1', executionId: '42', token: TOKEN });

	it('posts the outcome to the resume URL of the sending execution', async () => {
		const { ctx, requests } = webhookContext([{ statusCode: 200, body: { received: true } }]);
		await expect(forwardOutcome.call(ctx, id, false)).resolves.toBe(true);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: `https://n8n.example.com/base/webhook-waiting/42/${OUTCOME_PATH}?signature=${TOKEN}`,
			body: { messageId: id, success: false },
		});
	});

	it('does nothing for IDs without a delivery address', async () => {
		const { ctx, requests } = webhookContext([]);
		await expect(forwardOutcome.call(ctx, 'message1', true)).resolves.toBe(false);
		expect(requests).toHaveLength(0);
	});

	it('tries again while the execution runs or has not started, and when n8n does not answer', async () => {
		const { ctx, requests } = webhookContext([
			{ statusCode: 409, body: { message: 'The execution "42" is running already.' } },
			{ statusCode: 404, body: { message: 'Could not find node to process webhook.' } },
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5678'), { code: 'ECONNREFUSED' }),
			{ statusCode: 500, body: { message: 'There was a problem executing the workflow' } },
			{ statusCode: 200, body: {} },
		]);
		await expect(forwardOutcome.call(ctx, id, true)).resolves.toBe(true);
		expect(requests).toHaveLength(5);
	});

	it('does not repeat a request whose effect is unknown (timeout, connection lost)', async () => {
		for (const failure of ['timeout of 60000ms exceeded', 'socket hang up']) {
			const { ctx, requests } = webhookContext([new Error(failure)]);
			await expect(forwardOutcome.call(ctx, id, false)).resolves.toBe(false);
			expect(requests).toHaveLength(1);
		}
	});

	it('stops when no execution waits any more (finished, unknown, wrong token)', async () => {
		for (const answer of [
			{ statusCode: 409, body: { message: 'The execution "42 has finished already.' } },
			{ statusCode: 404, body: { message: 'The execution "42" does not exist.' } },
			{ statusCode: 401, body: { error: 'Invalid token' } },
		]) {
			const { ctx, requests } = webhookContext([answer]);
			await expect(forwardOutcome.call(ctx, id, true)).resolves.toBe(false);
			expect(requests).toHaveLength(1);
		}
	});
});

describe('receiveOutcome', () => {
	const context = (body: unknown) => {
		const captured: { status?: number; body?: unknown } = {};
		const res = {
			status(code: number) {
				captured.status = code;
				return res;
			},
			json(value: unknown) {
				captured.body = value;
			},
		};
		const ctx = { getBodyData: () => body, getResponseObject: () => res } as unknown as IWebhookFunctions;
		return { ctx, captured };
	};

	it('hands the outcome to the waiting node on an output nothing is connected to', async () => {
		const { ctx } = context({ messageId: 'm~1~x', success: false });
		const result = await receiveOutcome.call(ctx);
		expect(result.workflowData).toHaveLength(OUTCOME_SLOT + 1);
		expect(result.workflowData?.slice(0, OUTCOME_SLOT).every((items) => items.length === 0)).toBe(true);
		expect(result.workflowData?.[OUTCOME_SLOT]).toEqual([{ json: { messageId: 'm~1~x', success: false } }]);
	});

	it('refuses anything else with 400 and does not resume', async () => {
		const { ctx, captured } = context({ messageId: 'm', success: 'yes' });
		const result = await receiveOutcome.call(ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(captured.status).toBe(400);
	});
});
