import { HttpProbe, ProbeApi } from './fixtures/http-probe';
import { runNode } from './harness';
import { json, resetConnection, scriptedServer } from '../support/scripted-server';

const probe = (url: string, extra: Record<string, unknown> = {}) =>
	runNode({
		nodeType: new HttpProbe(),
		parameters: { url, method: 'POST', idempotent: false, ...extra },
		credentials: [{ type: new ProbeApi(), data: { baseUrl: url, token: 'secret-token-123' } }],
		input: [{ hello: 'world' }],
	});

describe('platformRequest inside n8n-core', () => {
	it('authenticates through the credential and returns the answer', async () => {
		const server = await scriptedServer([json(200, { ok: true })]);
		try {
			const run = await probe(`${server.url}/send`);
			expect(run.error).toBeUndefined();
			expect(run.items[0].json).toEqual({ statusCode: 200, body: { ok: true } });
			expect(server.requests[0].headers.authorization).toBe('Bearer secret-token-123');
			expect(JSON.parse(server.requests[0].body)).toEqual({ hello: 'world' });
		} finally {
			await server.close();
		}
	});

	it('retries 429 after Retry-After and 503, then succeeds', async () => {
		const server = await scriptedServer([
			json(429, { errors: ['Too many requests'] }, { 'retry-after': '0' }),
			json(503, { errors: ['Unavailable'] }),
			json(200, { id: 7 }),
		]);
		try {
			const run = await probe(`${server.url}/send`);
			expect(run.error).toBeUndefined();
			expect(server.requests).toHaveLength(3);
			expect(run.items[0].json.body).toEqual({ id: 7 });
		} finally {
			await server.close();
		}
	});

	it('gives up after the attempt limit with the platform message', async () => {
		const server = await scriptedServer([json(429, { errors: ['Too many requests'] }, { 'retry-after': '0' })]);
		try {
			const run = await probe(`${server.url}/send`);
			expect(server.requests).toHaveLength(4);
			expect(run.error?.message).toBe('Probe answered 429: Too many requests');
		} finally {
			await server.close();
		}
	});

	it('makes Retries + 1 attempts as the Request Options of the node say', async () => {
		const server = await scriptedServer([json(503, { errors: ['Unavailable'] }, { 'retry-after': '0' })]);
		try {
			const none = await probe(`${server.url}/send`, { requestOptions: { retries: 0 } });
			expect(server.requests).toHaveLength(1);
			expect(none.error?.message).toBe('Probe answered 503: Unavailable');
			const two = await probe(`${server.url}/send`, { requestOptions: { retries: 2 } });
			expect(server.requests).toHaveLength(1 + 3);
			expect(two.error?.message).toBe('Probe answered 503: Unavailable');
			const wrong = await probe(`${server.url}/send`, { requestOptions: { retries: 9 } });
			expect(server.requests).toHaveLength(4);
			expect(wrong.error?.message).toBe('Retries must be a whole number from 0 to 5, got 9');
			expect(wrong.error?.description).toMatch(/Request Options/);
		} finally {
			await server.close();
		}
	});

	it('does not repeat a non-idempotent request after a 500 or a reset', async () => {
		const server = await scriptedServer([json(500, { error: { message: 'boom' } })]);
		const reset = await scriptedServer([resetConnection]);
		try {
			const run = await probe(`${server.url}/send`);
			expect(server.requests).toHaveLength(1);
			expect(run.error?.message).toBe('Probe answered 500: boom');
			const resetRun = await probe(`${reset.url}/send`);
			expect(reset.requests).toHaveLength(1);
			expect(resetRun.error?.message).toBe('Could not reach Probe');
		} finally {
			await server.close();
			await reset.close();
		}
	});

	it('repeats an idempotent request after a reset and a 502', async () => {
		const server = await scriptedServer([resetConnection, json(502, {}), json(200, { ok: 1 })]);
		try {
			const run = await probe(`${server.url}/send`, { idempotent: true });
			expect(run.error).toBeUndefined();
			expect(server.requests).toHaveLength(3);
		} finally {
			await server.close();
		}
	});

	it('does not retry other 4xx answers and keeps secrets out of the error', async () => {
		const server = await scriptedServer([json(401, { message: 'Invalid token' })]);
		try {
			const run = await probe(`${server.url}/send`);
			expect(server.requests).toHaveLength(1);
			expect(run.error?.message).toBe('Probe answered 401: Invalid token');
			expect(run.error?.httpCode).toBe('401');
			expect(JSON.stringify(run)).not.toContain('secret-token-123');
		} finally {
			await server.close();
		}
	});

	it('honours continueOnFail with one item per input', async () => {
		const server = await scriptedServer([json(400, { errors: ['Chat not found'] })]);
		try {
			const run = await runNode({
				nodeType: new HttpProbe(),
				parameters: { url: `${server.url}/send`, method: 'POST', idempotent: false },
				credentials: [{ type: new ProbeApi(), data: { token: 't' } }],
				input: [{ a: 1 }, { a: 2 }],
				continueOnFail: true,
			});
			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => item.json.error)).toEqual(['Probe answered 400: Chat not found', 'Probe answered 400: Chat not found']);
			expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		} finally {
			await server.close();
		}
	});
});
