/** Pure rules of the automatic API Chat webhook registration (one webhook per UChat workspace). */

/** URLs compared without a trailing slash and with a lower-case scheme and host. */
export function sameUrl(a: string | undefined, b: string | undefined): boolean {
	if (!a || !b) return false;
	return normaliseUrl(a) === normaliseUrl(b);
}

function normaliseUrl(value: string): string {
	const trimmed = value.trim().replace(/\/+$/, '');
	const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]+)(.*)$/i.exec(trimmed);
	return match ? match[1].toLowerCase() + match[2] : trimmed;
}

/**
 * Whether `registeredUrl` is the production URL of the node with this webhook id while `ownUrl` (a test
 * URL) is not it: the registration a "Listen for test event" would silently take over.
 */
export function isOwnProductionRegistration(
	registeredUrl: string | undefined,
	ownUrl: string,
	webhookId: string | undefined,
): boolean {
	if (!registeredUrl || !webhookId || sameUrl(registeredUrl, ownUrl)) return false;
	const path = normaliseUrl(registeredUrl).split('?')[0];
	return path.endsWith(`/${webhookId}/webhook`) && !/\/webhook-test\//.test(path);
}

/** Whether a registration read back from UChat is this node's, verified, with the expected key. */
export function isVerifiedStatus(status: string | undefined): boolean {
	return typeof status === 'string' && status.trim().toLowerCase() === 'verified';
}
