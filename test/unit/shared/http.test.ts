import { backoffMs, DEFAULT_RETRY, isRetriableNetworkError, isRetriableStatus, retryAfterMs } from '../../../nodes/shared/http';

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates, capped at a minute', () => {
		expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
		expect(retryAfterMs({ 'retry-after': '0' })).toBe(0);
		expect(retryAfterMs({ 'retry-after': '3600' })).toBe(60_000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
		expect(retryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, now)).toBe(0);
	});

	it('is undefined when absent or unreadable', () => {
		expect(retryAfterMs({})).toBeUndefined();
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs({ 'retry-after': 'later' })).toBeUndefined();
	});
});

describe('backoffMs', () => {
	const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
	it('grows exponentially with jitter in the upper half, up to the cap', () => {
		expect(backoffMs(1, policy, () => 0)).toBe(50);
		expect(backoffMs(1, policy, () => 1)).toBe(100);
		expect(backoffMs(3, policy, () => 1)).toBe(400);
		expect(backoffMs(10, policy, () => 1)).toBe(1000);
		expect(backoffMs(10, policy, () => 0)).toBe(500);
	});
});

describe('what is retried', () => {
	const once = { ...DEFAULT_RETRY, idempotent: false };
	const safe = { ...DEFAULT_RETRY, idempotent: true };
	it('always retries 429 and 503, other 5xx only when idempotent, never other 4xx', () => {
		expect(isRetriableStatus(429, once)).toBe(true);
		expect(isRetriableStatus(503, once)).toBe(true);
		expect(isRetriableStatus(500, once)).toBe(false);
		expect(isRetriableStatus(502, safe)).toBe(true);
		expect(isRetriableStatus(400, safe)).toBe(false);
		expect(isRetriableStatus(404, safe)).toBe(false);
	});

	it('retries refused connections always, resets and timeouts only when idempotent', () => {
		expect(isRetriableNetworkError({ code: 'ECONNREFUSED' }, once)).toBe(true);
		expect(isRetriableNetworkError({ cause: { code: 'ECONNRESET' } }, once)).toBe(false);
		expect(isRetriableNetworkError({ cause: { code: 'ECONNRESET' } }, safe)).toBe(true);
		expect(isRetriableNetworkError(new Error('no code'), safe)).toBe(false);
	});
});
