import type { IDataObject } from 'n8n-workflow';

import { deriveSecret, hmacSha256Hex, safeEqual } from '../shared/secrets';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** The X-Hub-Signature-256 value UChat sends: `sha256=` + lowercase hex HMAC-SHA256 of the raw body. */
export function signatureFor(rawBody: Buffer | string, verificationKey: string): string {
	return `sha256=${hmacSha256Hex(verificationKey, rawBody)}`;
}

/**
 * Whether the signature header matches the raw body. Compared in constant time; the hex digits are
 * case-insensitive, the `sha256=` prefix is required.
 */
export function isValidSignature(
	rawBody: Buffer,
	signatureHeader: string | undefined,
	verificationKey: string,
): boolean {
	if (!verificationKey) return false;
	if (typeof signatureHeader !== 'string' || signatureHeader.trim() === '') return false;
	const received = signatureHeader.trim().toLowerCase();
	return safeEqual(received, signatureFor(rawBody, verificationKey));
}

/**
 * The verification key the trigger registers in "Automatic" mode. It is derived from the partner key,
 * the workflow and the node, so every process can recompute it while UChat verifies the URL (before
 * anything is stored) and nobody without the partner key can predict it.
 */
export function automaticVerificationKey(partnerApiKey: string, workflowId: string, nodeId: string): string {
	return deriveSecret(partnerApiKey, workflowId, nodeId);
}

export interface VerificationParams {
	mode?: string;
	verifyToken?: string;
	challenge?: string;
}

function pick(source: IDataObject, ...names: string[]): string | undefined {
	for (const name of names) {
		const value = source[name];
		if (typeof value === 'string') return value;
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
	}
	return undefined;
}

/** Reads a body that may be JSON or urlencoded; anything else gives an empty object. */
export function lenientBody(rawBody: Buffer, contentType: string): IDataObject {
	const text = rawBody.toString('utf8').replace(/^\uFEFF/, '').trim();
	if (text === '') return {};
	if (text.startsWith('{')) {
		try {
			const value: unknown = JSON.parse(text);
			return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
		} catch {
			return {};
		}
	}
	if (contentType === 'application/x-www-form-urlencoded' || /^[\w.%-]+=/.test(text)) {
		return Object.fromEntries(new URLSearchParams(text)) as IDataObject;
	}
	return {};
}

/**
 * The verification parameters from the query string, a urlencoded body or a JSON body (UChat does not
 * document the encoding). Accepts `hub_mode` as documented and Facebook's `hub.mode` spelling.
 * Returns undefined when the request is not a verification request (no `hub_mode`).
 */
export function verificationParams(
	query: IDataObject,
	rawBody: Buffer,
	contentType: string,
): VerificationParams | undefined {
	const body = lenientBody(rawBody, contentType);
	for (const source of [body, query]) {
		const mode = pick(source, 'hub_mode', 'hub.mode');
		if (mode === undefined) continue;
		return {
			mode,
			verifyToken: pick(source, 'hub_verify_token', 'hub.verify_token'),
			challenge: pick(source, 'hub_challenge', 'hub.challenge'),
		};
	}
	return undefined;
}

export type HandshakeOutcome =
	| { statusCode: 200; challenge: string }
	| { statusCode: 400 | 403; message: string };

/** Decides the answer to a verification request: the challenge only when mode and token are right. */
export function handshake(params: VerificationParams, verificationKey: string): HandshakeOutcome {
	if (params.mode !== 'subscribe') {
		return { statusCode: 403, message: 'hub_mode must be "subscribe"' };
	}
	if (!verificationKey || !safeEqual(params.verifyToken ?? '', verificationKey) || !params.verifyToken) {
		return { statusCode: 403, message: 'hub_verify_token does not match the verification key' };
	}
	if (params.challenge === undefined || params.challenge === '') {
		return { statusCode: 400, message: 'hub_challenge is missing' };
	}
	return { statusCode: 200, challenge: params.challenge };
}
