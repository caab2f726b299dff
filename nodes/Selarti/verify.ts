import { safeEqual } from '../shared/secrets';

/** The webhook secret the request carries in its `secret` query parameter (first value if repeated). */
export function secretOf(query: Record<string, unknown>): string | undefined {
	const value = query.secret;
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/** Constant-time check of the URL secret; an unset secret never matches. */
export function isSecretValid(received: string | undefined, expected: string): boolean {
	if (!expected) return false;
	return safeEqual(received, expected);
}
