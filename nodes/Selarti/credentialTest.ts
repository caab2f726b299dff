import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { credentialTestRequest } from '../shared/credentialTest';

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Selarti (Bubble) reports errors in the body as `{ statusCode, body: { status, message } }`, whatever the HTTP status. */
export function verdict(httpStatus: number, body: unknown): INodeCredentialTestResult {
	const envelope = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const inner = (typeof envelope.body === 'object' && envelope.body !== null ? envelope.body : {}) as IDataObject;
	const status = Number(envelope.statusCode) || httpStatus;
	if (status === 401 || inner.status === 'UNAUTHORIZED') return { status: 'Error', message: 'Selarti did not accept the API token' };
	if (status === 403) return { status: 'Error', message: 'The API token may not call this workflow' };
	if (status === 404) return { status: 'Error', message: 'The Base URL does not point to Selarti' };
	return { status: 'OK', message: 'Selarti accepted the API token' };
}

/**
 * A send without parameters: the app checks the token, then refuses the missing parameters, so nothing is sent to
 * any AI. A trigger-only credential (no API token) needs only its webhook secret, which nothing remote can check.
 */
export async function testSelartiCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiToken = text(data.apiToken);
	if (apiToken === '') {
		return text(data.webhookSecret) === ''
			? { status: 'Error', message: 'Set the API Token (to send messages) or the Webhook Secret (for the trigger)' }
			: { status: 'OK', message: 'Trigger-only credential: the trigger checks the Webhook Secret. Set the API Token to send messages.' };
	}
	const baseUrl = (text(data.baseUrl) || 'https://selarti.com').replace(/\/+$/, '');
	try {
		const answer = await credentialTestRequest(this, {
			method: 'POST',
			url: `${baseUrl}/api/1.1/wf/send_message_external`,
			headers: { Authorization: `Bearer ${apiToken}` },
			body: {},
		});
		return verdict(answer.statusCode, answer.body);
	} catch (error) {
		return { status: 'Error', message: `Selarti could not be reached: ${(error as Error).message}` };
	}
}
