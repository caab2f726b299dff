import {
	backoffMs,
	DEFAULT_RETRY,
	DEFAULT_TIMEOUT_MS,
	isRetriableNetworkError,
	isRetriableStatus,
	MAX_RETRY_WAIT_MS,
	requestLimits,
	requestOptionsParameter,
	retryAfterMs,
	waitBeforeRetryMs,
	worstCaseMs,
} from '../../../nodes/shared/http';

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates, capped at a minute', () => {
		expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
		expect(retryAfterMs({ 'retry-after': '0' })).toBe(0);
		expect(retryAfterMs({ 'retry-after': '3600' })).toBe(30_000);
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

describe('Request Options: visible retry policy with a bounded worst case', () => {
	const defaultOf = (name: string) => requestOptionsParameter.options?.find((option) => option.name === name) as { default: unknown };

	it('shows the defaults the transport uses', () => {
		expect(defaultOf('retries').default).toBe(DEFAULT_RETRY.maxAttempts - 1);
		expect(defaultOf('timeout').default).toBe(DEFAULT_TIMEOUT_MS / 1000);
		expect(requestLimits({})).toEqual({ maxAttempts: DEFAULT_RETRY.maxAttempts, timeoutMs: DEFAULT_TIMEOUT_MS });
		expect(requestLimits({ retries: 0, timeout: 5 })).toEqual({ maxAttempts: 1, timeoutMs: 5000 });
	});

	it('refuses values outside the documented range instead of bending them', () => {
		expect(() => requestLimits({ retries: 6 })).toThrow('Retries must be a whole number from 0 to 5, got 6');
		expect(() => requestLimits({ retries: 1.5 })).toThrow(/Retries/);
		expect(() => requestLimits({ timeout: 0 })).toThrow('Timeout (Seconds) must be a number from 1 to 300, got 0');
		expect(() => requestLimits({ timeout: '30' })).toThrow(/Timeout/);
	});

	it('never waits longer than 30 s between attempts, whatever Retry-After says', () => {
		const policy = { ...DEFAULT_RETRY, maxDelayMs: 10_000 };
		for (const header of ['0', '2', '29', '31', '3600', 'Thu, 01 Jan 2099 00:00:00 GMT']) {
			expect(waitBeforeRetryMs(1, policy, { 'retry-after': header })).toBeLessThanOrEqual(MAX_RETRY_WAIT_MS);
		}
		expect(waitBeforeRetryMs(1, policy, { 'retry-after': '3600' })).toBe(MAX_RETRY_WAIT_MS);
		expect(waitBeforeRetryMs(1, policy, { 'retry-after': '2' })).toBe(2000);
		for (let attempt = 1; attempt <= 10; attempt++) expect(waitBeforeRetryMs(attempt, policy, {}, () => 1)).toBeLessThanOrEqual(10_000);
	});

	it('bounds one request: (Retries + 1) x Timeout + Retries x 30 s', () => {
		expect(worstCaseMs(requestLimits({}))).toBe(4 * 30_000 + 3 * 30_000);
		expect(worstCaseMs(requestLimits({ retries: 0, timeout: 10 }))).toBe(10_000);
		expect(worstCaseMs(requestLimits({ retries: 5, timeout: 300 }))).toBe(6 * 300_000 + 5 * 30_000);
	});
});
