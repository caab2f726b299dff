import type { IDataObject } from 'n8n-workflow';
import { RequestError } from '../../../nodes/shared/webhook';
import { DISCONNECTED_LIMIT, nextDisconnected, parseAllowList, tokenMatches, verifyBrixRequest } from '../../../nodes/Brix/verify';

const CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';

function rejection(fn: () => unknown): { status: number; message: string } {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(RequestError);
	const error = caught as RequestError;
	return { status: error.statusCode, message: error.message };
}

describe('tokenMatches', () => {
	it('accepts the configured token only', () => {
		expect(tokenMatches('confirm', 'confirm')).toBe(true);
		expect(tokenMatches('confirm2', 'confirm')).toBe(false);
		expect(tokenMatches('', 'confirm')).toBe(false);
		expect(tokenMatches(undefined, 'confirm')).toBe(false);
		expect(tokenMatches(123, '123')).toBe(false);
	});

	it('treats an empty confirmation string as "no token"', () => {
		expect(tokenMatches(undefined, '')).toBe(true);
		expect(tokenMatches('', '')).toBe(true);
		expect(tokenMatches(null, '')).toBe(true);
		expect(tokenMatches('anything', '')).toBe(false);
	});
});

describe('parseAllowList', () => {
	it('splits on commas, spaces and new lines', () => {
		expect(parseAllowList(' a, b\nc ;d ')).toEqual(['a', 'b', 'c', 'd']);
		expect(parseAllowList('')).toEqual([]);
		expect(parseAllowList(undefined)).toEqual([]);
	});
});

describe('verifyBrixRequest', () => {
	const check = (body: IDataObject, token: string, allowed: string[], disconnected?: string[]) =>
		verifyBrixRequest(body, { token, acceptUnauthenticated: false }, { allowed, disconnected });

	const seed = {
		connect: {
			type: 'connect',
			token: 'confirm',
			channelId: CHANNEL,
			data: { webhook: `https://my-domain.com/api/messengers/external/other/webhook/${CHANNEL}` },
		},
		message: {
			type: 'message',
			token: 'confirm',
			channelId: CHANNEL,
			data: {
				targetChatId: 'chat1',
				text: 'text',
				files: [{ name: 'file1.png', size: 12345, URL: 'https://brix365.com/en/img/about/photo-staff.png' }],
			},
		},
		messageOutcome: { type: 'messageOutcome', token: 'confirm', data: { success: true, messageId: 'message1' } },
		userInfo: { type: 'userInfo', token: 'confirm', data: { userId: 'user1' } },
		markAsRead: { type: 'markAsRead', token: 'confirm', data: { messageId: 'message1' } },
		disconnect: { type: 'disconnect', token: 'confirm', channelId: CHANNEL },
	};

	it.each(Object.entries(seed))('accepts the seed sample of %s', (event, body) => {
		expect(check(body, 'confirm', []).event).toBe(event);
		expect(check(body, 'confirm', [CHANNEL]).event).toBe(event);
	});

	it('answers 401 on a wrong or missing token before looking at anything else', () => {
		expect(rejection(() => check({ ...seed.message, token: 'confirm2' }, 'confirm', []))).toEqual({
			status: 401,
			message: 'Token does not match',
		});
		expect(rejection(() => check({ type: 'nonsense' }, 'confirm', [])).status).toBe(401);
	});

	it('answers 400 naming a missing, non-string or unknown type', () => {
		expect(rejection(() => check({ token: 'confirm' }, 'confirm', []))).toEqual({
			status: 400,
			message: 'body.type is missing',
		});
		expect(rejection(() => check({ token: 'confirm', type: 5 }, 'confirm', [])).message).toBe(
			'body.type must be a string',
		);
	});

	it('lets an unknown type through without an event (the seed: every request gets 200), after the token check', () => {
		expect(check({ token: 'confirm', type: 'typing' }, 'confirm', [])).toEqual({ event: undefined, body: { token: 'confirm', type: 'typing' } });
		expect(rejection(() => check({ token: 'guess', type: 'typing' }, 'confirm', [])).status).toBe(401);
	});

	it('refuses every request while the token is empty, unless unauthenticated requests are accepted', () => {
		const refused = rejection(() => verifyBrixRequest(seed.message, { token: '', acceptUnauthenticated: false }, { allowed: [] }));
		expect(refused.status).toBe(401);
		expect(refused.message).toContain('Accept Unauthenticated Requests');
		const open = { ...seed.message, token: '' };
		expect(verifyBrixRequest(open, { token: '', acceptUnauthenticated: true }, { allowed: [] }).event).toBe('message');
		expect(rejection(() => verifyBrixRequest(seed.message, { token: '', acceptUnauthenticated: true }, { allowed: [] })).status).toBe(401);
	});

	it('answers 404 for a channel BRIX disconnected, until a connect names it again', () => {
		const gone = rejection(() => check(seed.message, 'confirm', [], [CHANNEL]));
		expect(gone).toEqual({ status: 404, message: `Channel ${CHANNEL} does not exist here` });
		expect(rejection(() => check(seed.disconnect, 'confirm', [], [CHANNEL])).status).toBe(404);
		expect(check(seed.connect, 'confirm', [], [CHANNEL]).event).toBe('connect');
		expect(check(seed.message, 'confirm', [], ['other']).event).toBe('message');
		expect(rejection(() => check(seed.connect, 'confirm', ['other'], [])).status).toBe(404);
	});

	it('answers 400 naming the missing field of a known type', () => {
		const outcome = rejection(() =>
			check({ type: 'messageOutcome', token: 'confirm', data: { messageId: 'm' } }, 'confirm', []),
		);
		expect(outcome.status).toBe(400);
		expect(outcome.message).toMatch(/^body\.data\.success: /);
		expect(
			rejection(() =>
				check({ type: 'messageOutcome', token: 'confirm', data: { messageId: 'm', success: 'yes' } }, 'confirm', []),
			).message,
		).toMatch(/^body\.data\.success: /);
		expect(
			check({ type: 'messageOutcome', token: 'confirm', data: { messageId: 'm', success: 'false' } }, 'confirm', []).event,
		).toBe('messageOutcome');
		const message = rejection(() =>
			check({ type: 'message', token: 'confirm', channelId: CHANNEL, data: { text: 'x' } }, 'confirm', []),
		);
		expect(message.message).toMatch(/^body\.data\.targetChatId: /);
		const files = rejection(() =>
			check(
				{ type: 'message', token: 'confirm', data: { targetChatId: 'c', files: [{ name: 'a.png' }] } },
				'confirm',
				[],
			),
		);
		expect(files.message).toContain('file has no URL');
		expect(rejection(() => check({ type: 'connect', token: 'confirm', channelId: CHANNEL }, 'confirm', [])).message).toMatch(
			/^body\.data: /,
		);
	});

	it('answers 404 for a channel outside the allow-list, and lets channel-less events pass', () => {
		const other = rejection(() => check({ ...seed.message, channelId: 'other' }, 'confirm', [CHANNEL]));
		expect(other.status).toBe(404);
		expect(check({ ...seed.message, channelId: 'other' }, 'confirm', []).event).toBe('message');
		expect(check(seed.userInfo, 'confirm', ['x']).event).toBe('userInfo');
	});
});

describe('nextDisconnected', () => {
	it('adds a disconnected channel once, removes it on connect and changes nothing otherwise', () => {
		expect(nextDisconnected(undefined, 'disconnect', 'a')).toEqual(['a']);
		expect(nextDisconnected(['a'], 'disconnect', 'a')).toBeUndefined();
		expect(nextDisconnected(['a', 'b'], 'connect', 'a')).toEqual(['b']);
		expect(nextDisconnected(['b'], 'connect', 'a')).toBeUndefined();
		expect(nextDisconnected(['a'], 'message', 'a')).toBeUndefined();
		expect(nextDisconnected(['a'], 'disconnect', undefined)).toBeUndefined();
	});

	it('keeps only the newest channels', () => {
		const full = Array.from({ length: DISCONNECTED_LIMIT }, (_, index) => `c${index}`);
		const next = nextDisconnected(full, 'disconnect', 'new') ?? [];
		expect(next).toHaveLength(DISCONNECTED_LIMIT);
		expect(next[0]).toBe('c1');
		expect(next[next.length - 1]).toBe('new');
	});
});
