import { RequestError } from '../../../nodes/shared/webhook';
import { parseAllowList, tokenMatches, verifyBrixRequest } from '../../../nodes/Brix/verify';

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
		expect(verifyBrixRequest(body, 'confirm', []).event).toBe(event);
		expect(verifyBrixRequest(body, 'confirm', [CHANNEL]).event).toBe(event);
	});

	it('answers 401 on a wrong or missing token before looking at anything else', () => {
		expect(rejection(() => verifyBrixRequest({ ...seed.message, token: 'confirm2' }, 'confirm', []))).toEqual({
			status: 401,
			message: 'Token does not match',
		});
		expect(rejection(() => verifyBrixRequest({ type: 'nonsense' }, 'confirm', [])).status).toBe(401);
	});

	it('answers 400 naming a missing, non-string or unknown type', () => {
		expect(rejection(() => verifyBrixRequest({ token: 'confirm' }, 'confirm', []))).toEqual({
			status: 400,
			message: 'body.type is missing',
		});
		expect(rejection(() => verifyBrixRequest({ token: 'confirm', type: 5 }, 'confirm', [])).message).toBe(
			'body.type must be a string',
		);
		const unknown = rejection(() => verifyBrixRequest({ token: 'confirm', type: 'typing' }, 'confirm', []));
		expect(unknown.status).toBe(400);
		expect(unknown.message).toContain('"typing"');
	});

	it('answers 400 naming the missing field of a known type', () => {
		const outcome = rejection(() =>
			verifyBrixRequest({ type: 'messageOutcome', token: 'confirm', data: { messageId: 'm' } }, 'confirm', []),
		);
		expect(outcome.status).toBe(400);
		expect(outcome.message).toMatch(/^body\.data\.success: /);
		expect(
			rejection(() =>
				verifyBrixRequest({ type: 'messageOutcome', token: 'confirm', data: { messageId: 'm', success: 'yes' } }, 'confirm', []),
			).message,
		).toMatch(/^body\.data\.success: /);
		expect(
			verifyBrixRequest({ type: 'messageOutcome', token: 'confirm', data: { messageId: 'm', success: 'false' } }, 'confirm', []).event,
		).toBe('messageOutcome');
		const message = rejection(() =>
			verifyBrixRequest({ type: 'message', token: 'confirm', channelId: CHANNEL, data: { text: 'x' } }, 'confirm', []),
		);
		expect(message.message).toMatch(/^body\.data\.targetChatId: /);
		const files = rejection(() =>
			verifyBrixRequest(
				{ type: 'message', token: 'confirm', data: { targetChatId: 'c', files: [{ name: 'a.png' }] } },
				'confirm',
				[],
			),
		);
		expect(files.message).toContain('file has no URL');
		expect(rejection(() => verifyBrixRequest({ type: 'connect', token: 'confirm', channelId: CHANNEL }, 'confirm', [])).message).toMatch(
			/^body\.data: /,
		);
	});

	it('answers 404 for a channel outside the allow-list, and lets channel-less events pass', () => {
		const other = rejection(() => verifyBrixRequest({ ...seed.message, channelId: 'other' }, 'confirm', [CHANNEL]));
		expect(other.status).toBe(404);
		expect(verifyBrixRequest({ ...seed.message, channelId: 'other' }, 'confirm', []).event).toBe('message');
		expect(verifyBrixRequest(seed.userInfo, 'confirm', ['x']).event).toBe('userInfo');
	});
});
