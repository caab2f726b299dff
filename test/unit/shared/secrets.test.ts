import { createHmac } from 'crypto';

import { deriveSecret, hmacSha256Hex, redact, safeEqual } from '../../../nodes/shared/secrets';

describe('safeEqual', () => {
	it('accepts the identical secret', () => {
		expect(safeEqual('s3cret-token', 's3cret-token')).toBe(true);
		expect(safeEqual(Buffer.from('abc'), 'abc')).toBe(true);
	});

	it.each([
		['one character differs', 's3cret-tokeN'],
		['shorter', 's3cret-toke'],
		['longer', 's3cret-token!'],
		['empty', ''],
		['case differs', 'S3CRET-TOKEN'],
	])('rejects a secret that is %s', (_label, received) => {
		expect(safeEqual(received, 's3cret-token')).toBe(false);
	});

	it('rejects a missing secret', () => {
		expect(safeEqual(undefined, 's3cret-token')).toBe(false);
	});

	it('compares bytes, not characters', () => {
		expect(safeEqual('é', 'e\u0301')).toBe(false);
	});
});

describe('hmacSha256Hex', () => {
	it('matches the HMAC-SHA256 hex digest', () => {
		const expected = createHmac('sha256', 'key').update('{"a":1}').digest('hex');
		expect(hmacSha256Hex('key', '{"a":1}')).toBe(expected);
		expect(hmacSha256Hex('key', Buffer.from('{"a":1}'))).toBe(expected);
	});
});

describe('deriveSecret', () => {
	it('is stable for the same input and differs by context', () => {
		expect(deriveSecret('k', 'wf1', 'node1')).toBe(deriveSecret('k', 'wf1', 'node1'));
		expect(deriveSecret('k', 'wf1', 'node1')).not.toBe(deriveSecret('k', 'wf1', 'node2'));
		expect(deriveSecret('k', 'wf1', 'node1')).not.toBe(deriveSecret('k2', 'wf1', 'node1'));
	});
});

describe('redact', () => {
	it('removes every occurrence of each secret', () => {
		expect(redact('token abcd1234 and abcd1234', ['abcd1234'])).toBe('token [redacted] and [redacted]');
	});

	it('leaves text alone when secrets are empty or too short to be meaningful', () => {
		expect(redact('a b c', ['', undefined, 'a'])).toBe('a b c');
	});
});
