/** The host (with a non-default port) of an http(s) URL, lower-case; undefined for anything else. */
export function urlHost(value: unknown): string | undefined {
	if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return undefined;
	try {
		return new URL(value.trim()).host.toLowerCase();
	} catch {
		return undefined;
	}
}

/**
 * Whether a URL that came with the item may receive the credential: only when its host is one the credential
 * names. A webhook or an AI agent feeding the node must not be able to redirect the secret.
 */
export function isAllowedHost(url: string, allowedHosts: ReadonlyArray<string | undefined>): boolean {
	const host = urlHost(url);
	return host !== undefined && allowedHosts.some((allowed) => allowed !== undefined && allowed === host);
}
