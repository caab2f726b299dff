import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export interface FakeTriggerContext {
	ctx: Record<string, unknown>;
	emitted: IDataObject[];
	errors: Error[];
	staticData: IDataObject;
}

/** Just enough of ITriggerFunctions / IExecuteFunctions to run transport and connection code against a simulator. */
export function fakeContext(credentials: IDataObject, staticData: IDataObject = {}): FakeTriggerContext {
	const emitted: IDataObject[] = [];
	const errors: Error[] = [];
	const ctx = {
		getNode: () => ({ id: 'n', name: 'retailCRM', type: 'retailCrmBotTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => credentials,
		getWorkflowStaticData: () => staticData,
		emit: (data: Array<Array<{ json: IDataObject }>>) => {
			for (const item of data[0]) emitted.push(item.json);
		},
		emitError: (error: Error) => errors.push(error),
		logger: { info() {}, warn() {}, error() {}, debug() {} },
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
				if (credentials.token) headers['X-Bot-Token'] = String(credentials.token);
				if (credentials.apiKey) headers['X-API-KEY'] = String(credentials.apiKey);
				const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) || typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
				const response = await fetch(options.url, { method: options.method ?? 'GET', headers, body: body as never });
				const text = await response.text();
				let parsed: unknown = text;
				try {
					parsed = JSON.parse(text);
				} catch {
					// text
				}
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: parsed };
			},
		},
	};
	return { ctx, emitted, errors, staticData };
}
