import type { ICredentialTestFunctions, IDataObject } from 'n8n-workflow';

export interface TestResponse {
	statusCode: number;
	body: unknown;
}

/**
 * One HTTP request from a credential test function. n8n gives those functions only its older `request` helper
 * (`ICredentialTestFunctions` has no `httpRequest`, which n8n's lint asks nodes to use instead), so this is the
 * one place that calls it. Any status is returned; only a network failure throws.
 */
export async function credentialTestRequest(
	ctx: ICredentialTestFunctions,
	options: { method: 'GET' | 'POST'; url: string; headers?: IDataObject; body?: IDataObject },
): Promise<TestResponse> {
	const { helpers } = ctx;
	const response = (await helpers.request({
		method: options.method,
		uri: options.url,
		headers: options.headers,
		body: options.body,
		json: true,
		resolveWithFullResponse: true,
		simple: false,
	})) as { statusCode: number; body: unknown };
	return { statusCode: response.statusCode, body: response.body };
}
