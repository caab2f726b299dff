import * as n8nWorkflow from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeParameters,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeParameterValueType,
} from 'n8n-workflow';

/** The parts of express' request a trigger reads (n8n passes an express request). */
export interface WebhookRequest {
	method: string;
	headers: Record<string, string | string[] | undefined>;
	query: IDataObject;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

interface WebhookResponse {
	status(code: number): WebhookResponse;
	json(body: unknown): void;
	type(contentType: string): WebhookResponse;
	send(body: string): void;
	end(): void;
}

/**
 * n8n parses JSON bodies before a trigger runs and answers 422 on a parse error, which is not what the
 * platforms' contracts demand. A version-1 start node whose `options.binaryData` is true is skipped by that
 * parser, so each trigger carries this hidden parameter and reads the raw bytes itself (`readBody`).
 */
export const rawBodyParameter: INodeProperties = {
	displayName: 'Raw Body',
	name: 'options',
	type: 'hidden',
	default: { binaryData: true },
};

export class RequestError extends Error {
	constructor(
		readonly statusCode: number,
		message: string,
	) {
		super(message);
	}
}

export function webhookRequest(ctx: IWebhookFunctions): WebhookRequest {
	return ctx.getRequestObject() as unknown as WebhookRequest;
}

export function header(req: WebhookRequest, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function contentTypeOf(req: WebhookRequest): string {
	return (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** The request body exactly as sent (signatures are computed over these bytes). */
export async function readBody(req: WebhookRequest): Promise<Buffer> {
	if (!req.rawBody && req.readRawBody) {
		const failure = await req.readRawBody().then(
			() => undefined,
			(error: { type?: string }) =>
				error?.type === 'entity.too.large'
					? new RequestError(413, 'Request body is too large')
					: new RequestError(400, 'Request body could not be read'),
		);
		if (failure) throw failure;
	}
	return req.rawBody ?? Buffer.alloc(0);
}

function parseJson(text: string): { value: unknown } | { error: string } {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** Parses a JSON object body; the error names what is wrong. */
export function parseJsonObject(raw: Buffer): IDataObject {
	const text = raw.toString('utf8').replace(/^\uFEFF/, '');
	if (text.trim() === '') throw new RequestError(400, 'Request body is empty: a JSON object is required');
	const parsed = parseJson(text);
	if ('error' in parsed) throw new RequestError(400, `Request body is not valid JSON: ${parsed.error}`);
	const value = parsed.value;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new RequestError(400, 'Request body must be a JSON object');
	}
	return value as IDataObject;
}

/** Parses JSON, urlencoded or (for GET) nothing into an object, by content type. */
export function parseFormOrJson(raw: Buffer, contentType: string): IDataObject {
	if (raw.length === 0) return {};
	if (contentType === 'application/x-www-form-urlencoded') {
		return Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) as IDataObject;
	}
	return parseJsonObject(raw);
}

export function respondJson(ctx: IWebhookFunctions, statusCode: number, body: unknown): IWebhookResponseData {
	const res = ctx.getResponseObject() as unknown as WebhookResponse;
	res.status(statusCode).json(body);
	return { noWebhookResponse: true };
}

export function respondText(ctx: IWebhookFunctions, statusCode: number, text: string): IWebhookResponseData {
	const res = ctx.getResponseObject() as unknown as WebhookResponse;
	res.status(statusCode).type('text/plain').send(text);
	return { noWebhookResponse: true };
}

/**
 * `responseData` of an onReceived webhook whose answer is the `webhookResponse` the node returns (JSON). With an
 * empty value n8n sends `webhookResponse`; any other value would be sent as the body itself.
 */
export const ANSWER_FROM_NODE = '';
/** `responseData` of an onReceived webhook answered with an empty body. */
export const ANSWER_EMPTY = 'noData';

type FieldFunction = (parameters: INodeParameters) => NodeParameterValueType | undefined;

/**
 * Webhook description fields computed from the node's parameters. n8n renders a description expression on every
 * request; n8n 2.41 and later resolve a field declared this way without its expression engine (when the node's
 * parameters hold no expression), older versions evaluate the same template. Each function must be
 * self-contained: its source becomes the template.
 */
export function fieldsFromParameters<K extends string>(fields: Record<K, FieldFunction>): Record<K, string> {
	const { webhookDescriptionFields, fromFunction } = n8nWorkflow as Partial<typeof n8nWorkflow>;
	const entries = Object.entries(fields) as Array<[K, FieldFunction]>;
	if (typeof webhookDescriptionFields === 'function' && typeof fromFunction === 'function') {
		return webhookDescriptionFields(
			Object.fromEntries(entries.map(([field, fn]) => [field, fromFunction(fn)])) as Record<K, ReturnType<typeof fromFunction>>,
		);
	}
	return Object.fromEntries(entries.map(([field, fn]) => [field, `={{(${String(fn)})($parameter)}}`])) as Record<K, string>;
}

/**
 * Starts the execution and lets n8n acknowledge it. In `onReceived` mode n8n holds the answer until
 * `WorkflowRunner.run` has stored the execution (or, in queue mode, enqueued it), then sends `body` (with
 * `responseData: ANSWER_FROM_NODE`) or an empty 200 (`ANSWER_EMPTY`). A platform that got its success is
 * therefore never left with a delivery n8n does not have, even when n8n dies right after answering.
 */
export function startThenAcknowledge(
	ctx: IWebhookFunctions,
	items: IDataObject[],
	body?: IDataObject,
): IWebhookResponseData {
	const workflowData = [ctx.helpers.returnJsonArray(items)];
	return body === undefined ? { workflowData } : { workflowData, webhookResponse: body };
}

/** Every rejection has the same body: `{ "error": { "message": "..." } }`. */
export function respondError(ctx: IWebhookFunctions, statusCode: number, message: string): IWebhookResponseData {
	return respondJson(ctx, statusCode, { error: { message } });
}

/** Answers a RequestError with its status; anything else is a 500 that reveals nothing. */
export function respondFailure(ctx: IWebhookFunctions, error: unknown): IWebhookResponseData {
	if (error instanceof RequestError) return respondError(ctx, error.statusCode, error.message);
	ctx.logger.error(`Webhook request failed: ${(error as Error).message}`);
	return respondError(ctx, 500, 'Unexpected error while handling the request');
}

/**
 * Webhook lifecycle of a trigger whose URL the user pastes into the platform by hand: there is nothing to
 * register remotely, so the route n8n creates is all there is.
 */
export const pastedUrlLifecycle = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
