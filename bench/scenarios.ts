import { randomUUID } from 'crypto';

import type { Execution } from '../test/e2e/harness/n8n-api';
import type { N8nInstance } from '../test/e2e/harness/n8n-server';
import { chain, webhookUrl } from '../test/e2e/harness/workflow';
import type { LoadRequest } from './lib/load';

export interface PreparedScenario {
	workflowId: string;
	/** The request for a throughput run (the same every time). */
	request: LoadRequest;
	/** A valid request that carries `marker` in a field the workflow's first node outputs (kill test). */
	delivery(marker: string): LoadRequest;
	/** What is wrong with an execution of this workflow (undefined when it did what it should). */
	verify?(execution: Execution): string | undefined;
}

export type ScenarioKind = 'webhook' | 'trigger' | 'peer' | 'sync-baseline' | 'sync';

export interface Scenario {
	name: string;
	kind: ScenarioKind;
	/** For a trigger, the name of its Webhook + Code + IF peer; for a sync reply, the scenario it is compared with. */
	peer?: string;
	prepare(n8n: N8nInstance): Promise<PreparedScenario>;
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

export async function activated(n8n: N8nInstance, definition: ReturnType<typeof chain>, url: string) {
	const workflowId = await n8n.api.createWorkflow(definition);
	await n8n.api.activate(workflowId);
	await n8n.api.waitForWebhook(url);
	return workflowId;
}

export const WEBHOOK_BASELINE = 'n8n Webhook node (respond immediately)';
export const SYNC_BASELINE = 'n8n Webhook + Respond to Webhook';

function webhookNode(path: string, responseMode: string, options: Record<string, unknown> = {}) {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhook: true,
		parameters: { httpMethod: 'POST', path, responseMode, options },
	};
}

export const webhookScenario: Scenario = {
	name: WEBHOOK_BASELINE,
	kind: 'webhook',
	async prepare(n8n) {
		const path = `bench-${randomUUID()}`;
		const definition = chain('bench webhook', [webhookNode(path, 'onReceived')]);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		const delivery = (marker: string): LoadRequest => ({
			method: 'POST',
			url,
			headers: JSON_HEADERS,
			body: JSON.stringify({ hello: 'world', marker }),
		});
		return { workflowId: await activated(n8n, definition, url), request: delivery('bench'), delivery };
	},
};

export const syncBaselineScenario: Scenario = {
	name: SYNC_BASELINE,
	kind: 'sync-baseline',
	async prepare(n8n) {
		const path = `bench-sync-${randomUUID()}`;
		const definition = chain('bench webhook respond', [
			webhookNode(path, 'responseNode'),
			{
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				parameters: {
					respondWith: 'json',
					responseBody: '={{ JSON.stringify({ id: $json.body.userId, username: "bench" }) }}',
					options: {},
				},
			},
		]);
		const url = `${n8n.baseUrl}/webhook/${path}`;
		const delivery = (marker: string): LoadRequest => ({
			method: 'POST',
			url,
			headers: JSON_HEADERS,
			body: JSON.stringify({ userId: marker }),
		});
		return { workflowId: await activated(n8n, definition, url), request: delivery('u1'), delivery };
	},
};

/**
 * What a user builds without the package: n8n's Webhook node answering at once (raw body on when the check
 * needs the exact bytes), a Code node that checks the same token or HMAC the trigger checks, and an IF on
 * the result. `check` is the Code node's JavaScript; it returns `[{ json: { ...payload, valid } }]`.
 */
export function peerScenario(
	name: string,
	spec: { check: string; rawBody: boolean; delivery(url: string, marker: string): LoadRequest },
): Scenario {
	return {
		name,
		kind: 'peer',
		async prepare(n8n) {
			const path = `bench-peer-${randomUUID()}`;
			const definition = chain(`bench ${name}`, [
				webhookNode(path, 'onReceived', spec.rawBody ? { rawBody: true } : {}),
				{ name: 'Check', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: spec.check } },
				{
					name: 'Valid?',
					type: 'n8n-nodes-base.if',
					typeVersion: 2.2,
					parameters: {
						conditions: {
							options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
							conditions: [
								{
									id: randomUUID(),
									leftValue: '={{ $json.valid }}',
									rightValue: '',
									operator: { type: 'boolean', operation: 'true', singleValue: true },
								},
							],
							combinator: 'and',
						},
						options: {},
					},
				},
			]);
			const url = `${n8n.baseUrl}/webhook/${path}`;
			const delivery = (marker: string) => spec.delivery(url, marker);
			const verify = (execution: Execution) =>
				execution.data?.resultData.runData['Valid?']?.[0]?.data?.main[0]?.length === 1 ? undefined : 'the check did not pass';
			return { workflowId: await activated(n8n, definition, url), request: delivery('bench'), delivery, verify };
		},
	};
}

export { webhookUrl };
