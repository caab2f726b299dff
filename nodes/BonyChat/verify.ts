import { safeEqual } from '../shared/secrets';

/**
 * Checks `Authorization: Bearer <API token>` in constant time. The scheme is matched case-insensitively,
 * the token exactly.
 */
export function isAuthorized(authorization: string | undefined, apiToken: string): boolean {
	if (!apiToken) return false;
	if (typeof authorization !== 'string') return false;
	const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
	return safeEqual(match ? match[1] : undefined, apiToken);
}
