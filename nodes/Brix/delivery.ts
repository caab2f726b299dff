import { sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { respondJson } from '../shared/webhook';

/**
 * Delivery without an outbox: the execution that sent a message waits (an n8n waiting execution, stored in
 * the database) until BRIX reports the outcome. The message ID BRIX receives carries what the BRIX Trigger
 * needs to wake that execution: its ID and its resume token. BRIX echoes the ID in `messageOutcome`, the
 * trigger posts the outcome to the execution's resume URL, and the BRIX node decides there whether to
 * re-send, wait on, or finish.
 */

/** Path suffix of the BRIX node's resume webhook (`<n8n>/webhook-waiting/<execution ID>/brix-outcome`). */
export const OUTCOME_PATH = 'brix-outcome';

/**
 * Output index that carries the outcome from the resume webhook to the waiting BRIX node. It is never
 * connected (the node has one output, plus n8n's error output), so nothing downstream runs on an outcome.
 */
export const OUTCOME_SLOT = 9;

/**
 * The resume webhooks of the BRIX node (as n8n's "send and wait" operations declare theirs): only reachable
 * through n8n's waiting-webhook endpoint, never registered anywhere, so the node needs no webhook lifecycle.
 */
export const outcomeWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: OUTCOME_PATH,
		restartWebhook: true,
		isFullPath: true,
		ndvHideUrl: true,
		ndvHideMethod: true,
	},
];

const SEPARATOR = '~';

export interface DeliveryAddress {
	/** The message ID the workflow gave (or generated). */
	original: string;
	executionId: string;
	/** The execution's resume token: n8n's 32 random bytes in hex, checked on every resume request. */
	token: string;
}

const HEX_TOKEN = /^[0-9a-f]{64}$/;
const EXECUTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `<original>~<execution ID>~<token in base64url>`. */
export function encodeDeliveryId(address: DeliveryAddress): string {
	return [address.original, address.executionId, Buffer.from(address.token, 'hex').toString('base64url')].join(
		SEPARATOR,
	);
}

/** The parts of a message ID made by `encodeDeliveryId`; undefined for any other ID. */
export function decodeDeliveryId(messageId: string): DeliveryAddress | undefined {
	const match = /^([\s\S]*)~([A-Za-z0-9_-]{1,64})~([A-Za-z0-9_-]{43})$/.exec(messageId);
	if (!match) return undefined;
	const token = Buffer.from(match[3], 'base64url').toString('hex');
	return HEX_TOKEN.test(token) ? { original: match[1], executionId: match[2], token } : undefined;
}

/** The message ID the workflow gave, for an ID the BRIX node sent with a delivery address. */
export function originalMessageId(messageId: string | undefined): string | undefined {
	if (messageId === undefined) return undefined;
	return decodeDeliveryId(messageId)?.original ?? messageId;
}

/** The running execution's ID and resume token, read from `$execution.resumeUrl`. */
export function currentExecutionAddress(ctx: IExecuteFunctions, original: string): DeliveryAddress {
	const resumeUrl = new URL(String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0)));
	const executionId = decodeURIComponent(resumeUrl.pathname.split('/').pop() ?? '');
	const token = resumeUrl.searchParams.get('signature') ?? '';
	if (!EXECUTION_ID.test(executionId) || !HEX_TOKEN.test(token)) {
		throw new Error('n8n gave this execution no resume URL with a token, which Wait for Delivery needs');
	}
	return { original, executionId, token };
}

/** n8n's waiting-webhook base URL (`<WEBHOOK_URL>/webhook-waiting`), as n8n itself builds resume URLs. */
function waitingBaseUrl(ctx: IWebhookFunctions): string {
	const probe = new URL(String(ctx.evaluateExpression('{{ $execution.resumeUrl }}')));
	probe.search = '';
	probe.pathname = probe.pathname.replace(/\/[^/]*$/, '');
	return probe.toString().replace(/\/$/, '');
}

const FORWARD_ATTEMPTS = 20;

/**
 * Whether a refused resume may succeed later, knowing that the refusal applied nothing: the execution is still
 * running (it has not reached its wait yet, or it handles another outcome), has not started (queued), n8n could
 * not start it (5xx) or could not be reached at all. Anything else (finished, unknown execution, wrong token)
 * means no execution waits for this outcome any more.
 */
function mayResumeLater(statusCode: number, body: string): boolean {
	if (statusCode === 0) return /ECONNREFUSED/.test(body);
	if (statusCode >= 500) return true;
	if (statusCode === 409) return /running/i.test(body);
	if (statusCode === 404) return /could not find node/i.test(body);
	return false;
}

/**
 * Hands a messageOutcome to the execution that sent the message, when the ID says which one. Returns whether
 * an execution took it. An answer that leaves open whether it did (a timeout, a connection lost after sending)
 * is not repeated: a repeated `success: false` would count as the failure of the next attempt, and a lost one
 * only lets the execution's timeout re-send the message. Throws when the execution stays busy, so BRIX gets an
 * error answer.
 */
export async function forwardOutcome(this: IWebhookFunctions, messageId: string, success: boolean): Promise<boolean> {
	const address = decodeDeliveryId(messageId);
	if (!address) return false;
	const url = `${waitingBaseUrl(this)}/${encodeURIComponent(address.executionId)}/${OUTCOME_PATH}?signature=${encodeURIComponent(address.token)}`;
	for (let attempt = 1; ; attempt++) {
		let statusCode = 0;
		let body = '';
		try {
			const response = (await this.helpers.httpRequest({
				method: 'POST',
				url,
				body: { messageId, success },
				json: true,
				timeout: 60_000,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number; body: unknown };
			statusCode = response.statusCode;
			body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
		} catch (error) {
			body = `${(error as { code?: string }).code ?? ''} ${(error as Error).message}`;
		}
		if (statusCode >= 200 && statusCode < 300) return true;
		if (!mayResumeLater(statusCode, body)) {
			this.logger.debug(`BRIX outcome of ${address.original} not handed over: ${statusCode} ${body.slice(0, 200)}`);
			return false;
		}
		if (attempt >= FORWARD_ATTEMPTS) {
			throw new Error(
				`The execution ${address.executionId} that sent ${address.original} did not take its outcome: ${statusCode} ${body.slice(0, 200)}`,
			);
		}
		await sleep(Math.min(2_000, 200 * attempt));
	}
}

/** The BRIX node's resume webhook: turns the forwarded outcome into data for the waiting node. */
export async function receiveOutcome(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const body = this.getBodyData() as IDataObject;
	if (typeof body.messageId !== 'string' || typeof body.success !== 'boolean') {
		return respondJson(this, 400, {
			error: { message: 'Expected { messageId, success }' },
		});
	}
	const outputs: INodeExecutionData[][] = Array.from({ length: OUTCOME_SLOT + 1 }, () => []);
	outputs[OUTCOME_SLOT] = [{ json: { messageId: body.messageId, success: body.success } }];
	return { workflowData: outputs, webhookResponse: { received: true } };
}
