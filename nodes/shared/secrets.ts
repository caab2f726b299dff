import { createHash, createHmac, timingSafeEqual } from 'crypto';

/**
 * Constant-time comparison of two secrets. Both sides are hashed first so neither the content nor the
 * length of the expected value leaks through timing.
 */
export function safeEqual(received: string | Buffer | undefined, expected: string | Buffer): boolean {
	if (received === undefined) return false;
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) && Buffer.byteLength(received) === Buffer.byteLength(expected);
}

export function hmacSha256Hex(key: string | Buffer, data: string | Buffer): string {
	return createHmac('sha256', key).update(data).digest('hex');
}

/** A value derived from a secret and a context, stable across processes (no storage needed). */
export function deriveSecret(secret: string, ...context: string[]): string {
	return hmacSha256Hex(secret, context.join(':'));
}

/** Replaces every occurrence of the given secrets in a text, for error messages and logs. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
	}
	return result;
}

/** Enough of a secret to recognise it, never enough to use it: the first 4 characters and the length. */
export function maskSecret(secret: string): string {
	return secret.length <= 8 ? '[hidden]' : `${secret.slice(0, 4)}…[hidden, ${secret.length} characters]`;
}

/** A copy of `value` with every string under a key named `token` masked, at any depth. */
export function maskTokens<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => maskTokens(entry) as unknown) as T;
	if (typeof value !== 'object' || value === null) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
		copy[key] = key.toLowerCase() === 'token' && typeof child === 'string' ? maskSecret(child) : maskTokens(child);
	}
	return copy as T;
}
