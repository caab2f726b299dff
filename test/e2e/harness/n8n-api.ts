import axios, { type AxiosInstance } from 'axios';
import { randomUUID } from 'crypto';

import { N8N_BEFORE_2_41 } from './paths';
import { delay, waitFor } from './wait';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}

export interface WorkflowDefinition {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	workflowId: string;
	data?: {
		resultData: {
			error?: { message: string };
			lastNodeExecuted?: string;
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message: string } }>>;
		};
	};
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** The public API (X-N8N-API-KEY) plus the few REST calls a test needs. */
export class N8nApi {
	private constructor(
		readonly baseUrl: string,
		readonly http: AxiosInstance,
		readonly rest: AxiosInstance,
		readonly apiKey: string,
	) {}

	/**
	 * Reads the workflow's execution IDs from this n8n's database. n8n's list leaves out every execution its main
	 * process counts as running, and in queue mode main has kept counting finished executions as running for good (it
	 * waits for a job's end with Bull's `job.finished()`, which can miss an end that comes while it checks).
	 * `executions()` reads those by ID.
	 */
	executionIdsInDatabase?: (workflowId: string) => string[];

	/** Creates the owner (or logs in when it exists) and an API key with every scope. */
	static async connect(baseUrl: string, owner: Owner): Promise<N8nApi> {
		const plain = axios.create({ baseURL: baseUrl, validateStatus: () => true });
		let auth = await plain.post('/rest/owner/setup', owner);
		if (auth.status !== 200) {
			auth = await plain.post('/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		}
		if (auth.status !== 200) throw new Error(`n8n owner login failed: ${auth.status} ${JSON.stringify(auth.data)}`);
		const cookie = (auth.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
		const rest = axios.create({ baseURL: `${baseUrl}/rest`, headers: { cookie }, validateStatus: () => true });
		const scopes = (await rest.get('/api-keys/scopes')).data.data as string[];
		const created = await rest.post('/api-keys', { label: `tests-${randomUUID()}`, scopes, expiresAt: null });
		if (created.status !== 200) throw new Error(`API key creation failed: ${JSON.stringify(created.data)}`);
		const apiKey = created.data.data.rawApiKey as string;
		const http = axios.create({
			baseURL: `${baseUrl}/api/v1`,
			headers: { 'X-N8N-API-KEY': apiKey },
			validateStatus: () => true,
		});
		return new N8nApi(baseUrl, http, rest, apiKey);
	}

	private static ok<T>(response: { status: number; data: T }, what: string): T {
		if (response.status >= 300) throw new Error(`${what} failed: ${response.status} ${JSON.stringify(response.data)}`);
		return response.data;
	}

	async createCredential(type: string, data: Record<string, unknown>, name = `${type} ${randomUUID().slice(0, 8)}`) {
		const body = { name, type, data: N8N_BEFORE_2_41 ? { allowedHttpRequestDomains: 'all', ...data } : data };
		const created = N8nApi.ok(await this.http.post('/credentials', body), `create credential ${type}`);
		return { id: String((created as { id: string }).id), name };
	}

	/** Saves a credential and presses its Test button: the editor's `POST /rest/credentials/test`. */
	async testCredential(type: string, data: Record<string, unknown>): Promise<{ status: string; message: string }> {
		const stored = await this.createCredential(type, data);
		const response = await this.rest.post('/credentials/test', { credentials: { ...stored, type, data } });
		if (response.status !== 200 || !response.data?.data) {
			throw new Error(`credential test: ${response.status} ${JSON.stringify(response.data)}`);
		}
		return response.data.data as { status: string; message: string };
	}

	/** Replaces a credential's data the way the editor saves it. */
	async updateCredential(credential: { id: string; name: string }, type: string, data: Record<string, unknown>): Promise<void> {
		N8nApi.ok(await this.rest.patch(`/credentials/${credential.id}`, { name: credential.name, type, data }), `update credential ${type}`);
	}

	async createWorkflow(definition: WorkflowDefinition): Promise<string> {
		const body = { settings: { executionOrder: 'v1' }, ...definition };
		const created = N8nApi.ok(await this.http.post('/workflows', body), 'create workflow');
		return String((created as { id: string }).id);
	}

	async activate(workflowId: string): Promise<void> {
		N8nApi.ok(await this.http.post(`/workflows/${workflowId}/activate`, {}), 'activate workflow');
	}

	/** Activation that is expected to fail: returns the error message n8n gives. */
	async activateExpectingError(workflowId: string): Promise<string> {
		const response = await this.http.post(`/workflows/${workflowId}/activate`, {});
		if (response.status < 300) throw new Error('activation succeeded but was expected to fail');
		return JSON.stringify(response.data);
	}

	/**
	 * Publication whose trigger refuses to start: n8n may answer the API call first and apply (retry, then fail)
	 * the trigger afterwards. Waits until the error the editor shows contains `text`; returns it.
	 */
	async publishExpectingFailure(workflowId: string, text: string): Promise<string> {
		const answered = await this.activateExpectingError(workflowId).catch(() => undefined);
		if (answered?.includes(text)) return answered;
		return await waitFor(`the publication error "${text}"`, async () => {
			const status = await this.rest.get(`/workflows/${workflowId}/publication-status`);
			const error = await this.rest.get(`/active-workflows/error/${workflowId}`);
			const shown = JSON.stringify([status.data, error.data]);
			return shown.includes(text) ? shown : undefined;
		}, { timeoutMs: 60_000, intervalMs: 500 });
	}

	async deactivate(workflowId: string): Promise<void> {
		N8nApi.ok(await this.http.post(`/workflows/${workflowId}/deactivate`, {}), 'deactivate workflow');
	}

	/**
	 * The editor's "Execute workflow" from one trigger (its test webhook starts listening); n8n's answer as is.
	 * n8n before 2.41.1 wants the workflow itself in the body.
	 */
	async runManually(workflowId: string, triggerName: string) {
		const workflowData = N8N_BEFORE_2_41 ? (await this.rest.get(`/workflows/${workflowId}`)).data.data : undefined;
		return this.rest.post(`/workflows/${workflowId}/run`, { ...(workflowData ? { workflowData } : {}), triggerToStartFrom: { name: triggerName } });
	}

	async getWorkflow(workflowId: string): Promise<Record<string, unknown>> {
		return N8nApi.ok(await this.http.get(`/workflows/${workflowId}`), 'get workflow') as Record<string, unknown>;
	}

	/**
	 * Waits until n8n routes the webhook: a CORS preflight (Origin + Access-Control-Request-Method) makes n8n
	 * look the webhook up, so it answers 2xx only once (method, path) is registered (a plain OPTIONS always
	 * answers 204). The route row is written a moment before the published version is in place (a request in
	 * between still gets 404), hence the grace period after it appears.
	 */
	async waitForWebhook(url: string, timeoutMs = 30_000, method = 'POST'): Promise<void> {
		await waitFor(
			`webhook ${url}`,
			async () => {
				const response = await axios.request({
					method: 'OPTIONS',
					url,
					headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
					validateStatus: () => true,
				});
				return response.status < 300 ? true : undefined;
			},
			{ timeoutMs },
		);
		await delay(1000);
	}

	async executions(workflowId: string, includeData = true): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			const params: Record<string, unknown> = { workflowId, includeData, limit: 250 };
			if (cursor) params.cursor = cursor;
			const page = N8nApi.ok(await this.http.get('/executions', { params }), 'list executions') as {
				data: Execution[];
				nextCursor?: string | null;
			};
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		const listed = new Set(all.map((execution) => String(execution.id)));
		for (const id of (this.executionIdsInDatabase?.(workflowId) ?? []).filter((stored) => !listed.has(stored))) {
			all.push(await this.execution(id, includeData));
		}
		return all.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * One execution by ID. `executions()` leaves out what n8n's main process still counts as running, which in queue
	 * mode has outlasted the end of some executions resumed from a wait.
	 */
	async execution(id: string, includeData = true): Promise<Execution> {
		return N8nApi.ok(await this.http.get(`/executions/${id}`, { params: { includeData } }), `read execution ${id}`) as Execution;
	}

	/** Waits until at least `count` executions of the workflow exist and all of them have finished. */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 60_000): Promise<Execution[]> {
		// Poll without execution data (cheap for n8n), then read the data once.
		await waitFor(
			`${count} finished execution(s) of workflow ${workflowId}`,
			async () => {
				const list = await this.executions(workflowId, false);
				return list.length >= count && list.every((e) => FINISHED.has(e.status)) ? true : undefined;
			},
			{ timeoutMs, intervalMs: 300 },
		);
		return this.executions(workflowId);
	}

	/** How many executions the workflow has once the count stayed the same for `settleMs` (for asserting quiet). */
	async settledExecutionCount(workflowId: string, settleMs = 1500, timeoutMs = 60_000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		let count = (await this.executions(workflowId, false)).length;
		let unchangedSince = Date.now();
		while (Date.now() - unchangedSince < settleMs && Date.now() < deadline) {
			await delay(250);
			const next = (await this.executions(workflowId, false)).length;
			if (next !== count) [count, unchangedSince] = [next, Date.now()];
		}
		return count;
	}
}

/** The items a node produced in an execution (first run, first output unless told otherwise). */
export function nodeOutput(execution: Execution, nodeName: string, output = 0): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run in execution ${execution.id}`);
	return (runs[0].data?.main[output] ?? []).map((item) => item.json);
}
