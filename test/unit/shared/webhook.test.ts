import { parseFormOrJson, parseJsonObject, readBody, RequestError, type WebhookRequest } from '../../../nodes/shared/webhook';

const request = (overrides: Partial<WebhookRequest> = {}): WebhookRequest => ({
	method: 'POST',
	headers: {},
	query: {},
	...overrides,
});

describe('readBody', () => {
	it('returns the bytes n8n already read', async () => {
		expect((await readBody(request({ rawBody: Buffer.from('{}') }))).toString()).toBe('{}');
	});

	it('reads the body when n8n did not', async () => {
		const req = request();
		req.readRawBody = async () => {
			req.rawBody = Buffer.from('abc');
		};
		expect((await readBody(req)).toString()).toBe('abc');
	});

	it('answers 413 for a body over the limit and 400 for an aborted one', async () => {
		const tooLarge = request({ readRawBody: async () => Promise.reject(Object.assign(new Error('x'), { type: 'entity.too.large' })) });
		await expect(readBody(tooLarge)).rejects.toMatchObject({ statusCode: 413 });
		const aborted = request({ readRawBody: async () => Promise.reject(new Error('aborted')) });
		await expect(readBody(aborted)).rejects.toMatchObject({ statusCode: 400 });
	});
});

describe('parseJsonObject', () => {
	it('parses an object, with or without a byte order mark', () => {
		expect(parseJsonObject(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
		expect(parseJsonObject(Buffer.from('\uFEFF{"a":1}'))).toEqual({ a: 1 });
	});

	it.each([
		['', 'empty'],
		['{"a":', 'not valid JSON'],
		['[1]', 'must be a JSON object'],
		['null', 'must be a JSON object'],
		['"text"', 'must be a JSON object'],
	])('rejects %j with a 400 naming the problem', (body, message) => {
		let error: unknown;
		try {
			parseJsonObject(Buffer.from(body));
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(RequestError);
		expect((error as RequestError).statusCode).toBe(400);
		expect((error as RequestError).message).toContain(message);
	});
});

describe('parseFormOrJson', () => {
	it('reads urlencoded and JSON bodies', () => {
		expect(parseFormOrJson(Buffer.from('hub_mode=subscribe&hub_challenge=42'), 'application/x-www-form-urlencoded')).toEqual({
			hub_mode: 'subscribe',
			hub_challenge: '42',
		});
		expect(parseFormOrJson(Buffer.from('{"x":true}'), 'application/json')).toEqual({ x: true });
		expect(parseFormOrJson(Buffer.alloc(0), '')).toEqual({});
	});
});
