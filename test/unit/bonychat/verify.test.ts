import { isAuthorized } from '../../../nodes/BonyChat/verify';

describe('isAuthorized', () => {
	const token = 'aaaxczsadzxcasdacxzcasd';
	it('accepts the exact Bearer token', () => {
		expect(isAuthorized(`Bearer ${token}`, token)).toBe(true);
		expect(isAuthorized(`bearer ${token}`, token)).toBe(true);
	});
	it('rejects absent, other-scheme, wrong or partial tokens', () => {
		expect(isAuthorized(undefined, token)).toBe(false);
		expect(isAuthorized('', token)).toBe(false);
		expect(isAuthorized(token, token)).toBe(false);
		expect(isAuthorized(`Basic ${token}`, token)).toBe(false);
		expect(isAuthorized(`Bearer ${token}x`, token)).toBe(false);
		expect(isAuthorized(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
		expect(isAuthorized('Bearer ', token)).toBe(false);
	});
	it('never accepts anything when no token is configured', () => {
		expect(isAuthorized('Bearer ', '')).toBe(false);
		expect(isAuthorized('Bearer x', '')).toBe(false);
	});
});
