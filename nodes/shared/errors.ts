import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

const MAX_BODY_IN_ERROR = 2000;

/** Finds the human-readable message in the error bodies the supported platforms return. */
export function platformMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() === '' ? undefined : body.slice(0, 500);
	if (typeof body !== 'object' || body === null) return undefined;
	const data = body as Record<string, unknown>;
	const error = data.error;
	if (typeof error === 'object' && error !== null && typeof (error as JsonObject).message === 'string') {
		return (error as JsonObject).message as string;
	}
	if (typeof error === 'string') return error;
	if (typeof data.errorMsg === 'string') return data.errorMsg;
	if (Array.isArray(data.errors) && data.errors.length > 0) {
		return data.errors.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join('; ');
	}
	if (typeof data.errors === 'object' && data.errors !== null) {
		return Object.entries(data.errors as JsonObject)
			.map(([field, message]) => `${field}: ${String(message)}`)
			.join('; ');
	}
	if (typeof data.message === 'string') return data.message;
	// Bubble workflow endpoints (Selarti): { statusCode, body: { status, message } }
	const nested = data.body;
	if (typeof nested === 'object' && nested !== null && typeof (nested as JsonObject).message === 'string') {
		return (nested as JsonObject).message as string;
	}
	return undefined;
}

const HINTS: Record<number, string> = {
	400: 'The platform rejected the request as invalid: check the fields named in the message.',
	401: 'The platform did not accept the credentials: check the token in the credential.',
	403: 'The credential is valid but lacks the permission for this operation.',
	404: 'The platform does not know this address or object: check the base URL, channel and ids.',
	429: 'The platform is rate limiting this key: lower the request rate or retry later.',
};

function hintFor(statusCode: number): string | undefined {
	if (HINTS[statusCode]) return HINTS[statusCode];
	if (statusCode >= 500) return 'The platform failed to handle the request: retry later or contact its support.';
	return undefined;
}

function truncatedBody(body: unknown): JsonObject {
	if (body === undefined || body === null) return {};
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	if (text.length <= MAX_BODY_IN_ERROR && typeof body === 'object') return body as JsonObject;
	return { body: text.slice(0, MAX_BODY_IN_ERROR) };
}

/** An HTTP error answer of the platform as a node error carrying the platform's own message. */
export function httpStatusError(
	node: INode,
	platform: string,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const detail = platformMessage(body);
	return new NodeApiError(node, { statusCode, ...truncatedBody(body) } as JsonObject, {
		message: `${platform} answered ${statusCode}${detail ? `: ${detail}` : ''}`,
		description: hintFor(statusCode),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/** A transport failure (no HTTP answer) as a node error, without the request (which holds secrets). */
export function networkError(node: INode, platform: string, error: Error, itemIndex?: number): NodeApiError {
	const code = errorCode(error);
	return new NodeApiError(node, { networkError: code ?? 'unknown' } as JsonObject, {
		message: `Could not reach ${platform}`,
		description: `${code ? `Network error ${code.toLowerCase()}. ` : ''}Check the base URL in the credential and that the platform is reachable from n8n.`,
		itemIndex,
	});
}

/** The system error code (ECONNRESET, ETIMEDOUT, ...) of an error or of any error in its cause chain. */
export function errorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as { code?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) return candidate.code;
		current = candidate.cause;
	}
	return undefined;
}
