import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { credentialTestRequest } from '../shared/credentialTest';
import { channelWebhookUrl } from './format';

/** The user id the test asks BRIX about: a read that changes nothing, whatever the answer. */
export const TEST_USER_ID = 'n8n-credential-test';

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** What can be checked without calling BRIX; undefined when the data is complete enough to call it. */
export function checkWithoutBrix(data: ICredentialDataDecryptedObject): INodeCredentialTestResult | undefined {
	const token = typeof data.token === 'string' ? data.token : '';
	if (token === '' && data.acceptUnauthenticated !== true) {
		return {
			status: 'Error',
			message:
				'Access Token is empty: set the confirmation string of the BRIX channel, or turn on "Accept Unauthenticated Requests"',
		};
	}
	const baseUrl = text(data.baseUrl);
	if (baseUrl === '') {
		return {
			status: 'OK',
			message: 'Trigger-only credential: the token is checked on every request BRIX sends. Set BRIX Base URL to send to BRIX.',
		};
	}
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		return { status: 'Error', message: 'BRIX Base URL must start with http:// or https://' };
	}
	return undefined;
}

/**
 * Proves the outgoing token against BRIX: a userInfo request (a read) to the default channel's webhook, which BRIX
 * answers 401 for a wrong token and 404 for a channel that does not exist. Without a default channel ID only the
 * base URL can be checked.
 */
export async function testBrixCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const early = checkWithoutBrix(data);
	if (early) return early;
	const baseUrl = text(data.baseUrl);
	const channelId = text(data.channelId);
	const token = (typeof data.outgoingToken === 'string' && data.outgoingToken) || (typeof data.token === 'string' ? data.token : '');
	try {
		if (channelId === '') {
			const answer = await credentialTestRequest(this, { method: 'GET', url: `${baseUrl.replace(/\/+$/, '')}/` });
			if (answer.statusCode >= 500) return { status: 'Error', message: `BRIX Base URL answered ${answer.statusCode}` };
			return {
				status: 'OK',
				message: 'BRIX Base URL answers. Set Default Channel ID to have the token checked too.',
			};
		}
		const answer = await credentialTestRequest(this, {
			method: 'POST',
			url: channelWebhookUrl(baseUrl, channelId),
			body: { type: 'userInfo', token, data: { userId: TEST_USER_ID } },
		});
		return verdict(answer.statusCode);
	} catch (error) {
		return { status: 'Error', message: `BRIX could not be reached: ${(error as Error).message}` };
	}
}

export function verdict(statusCode: number): INodeCredentialTestResult {
	if (statusCode === 401 || statusCode === 403) {
		return { status: 'Error', message: 'BRIX did not accept the token (Outgoing Token, or Access Token when that is empty)' };
	}
	if (statusCode === 404) {
		return { status: 'Error', message: 'BRIX does not know the Default Channel ID (or BRIX Base URL is not a BRIX company)' };
	}
	if (statusCode >= 500) return { status: 'Error', message: `BRIX answered ${statusCode}` };
	return { status: 'OK', message: 'BRIX accepted the token' };
}
