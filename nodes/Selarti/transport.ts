import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { platformRequest } from '../shared/http';

export const PLATFORM = 'Selarti';
export const CREDENTIAL = 'selartiApi';

export async function baseUrlOf(ctx: IExecuteFunctions): Promise<string> {
	const credentials = await ctx.getCredentials<{ baseUrl?: string }>(CREDENTIAL);
	return String(credentials.baseUrl || 'https://selarti.com').trim().replace(/\/+$/, '');
}

/** Calls a Selarti workflow endpoint `/api/1.1/wf/<name>` with the credential's Bearer token. */
export async function callWorkflow(
	ctx: IExecuteFunctions,
	name: string,
	body: IDataObject,
	itemIndex: number,
): Promise<{ statusCode: number; body: unknown }> {
	const credentials = await ctx.getCredentials<{ apiToken?: string }>(CREDENTIAL, itemIndex);
	if (String(credentials.apiToken ?? '').trim() === '') {
		throw new NodeOperationError(ctx.getNode(), 'The Selarti API credential has no API Token', {
			description: 'Sending needs the API Token (see the Selarti docs); a credential with only the Webhook Secret serves the trigger alone.',
			itemIndex,
		});
	}
	const response = await platformRequest.call(ctx, {
		platform: PLATFORM,
		credentialType: CREDENTIAL,
		options: {
			method: 'POST',
			url: `${await baseUrlOf(ctx)}/api/1.1/wf/${name}`,
			body,
			headers: { 'Content-Type': 'application/json' },
		},
		// A repeated send would make the AI answer twice: only retry when the request surely was not processed.
		retry: { idempotent: false },
		itemIndex,
	});
	return { statusCode: response.statusCode, body: response.body };
}
