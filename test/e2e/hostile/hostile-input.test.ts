import axios from 'axios';
import { randomUUID } from 'crypto';

import { type Execution } from '../harness/n8n-api';
import { startTestN8n, webhookBase } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { waitFor } from '../harness/wait';
import { webhookUrl } from '../harness/workflow';
import { send, type HostileCase } from './corpus';
import { BONYCHAT_WEBHOOK, SELARTI_API_TOKEN, targets } from './targets';

/**
 * Hostile input against every webhook trigger, in one real n8n started with a 1 MiB payload limit.
 * Each request must get the exact status of the platform's contract and a JSON error naming the problem;
 * rejected requests start nothing, accepted ones exactly one execution carrying the data unchanged; no
 * response and no execution reveals a configured secret; n8n stays healthy.
 */

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

const ALL_SECRETS = [...targets.flatMap((target) => target.adapter.secrets), BONYCHAT_WEBHOOK, SELARTI_API_TOKEN];
const RESPONSE_SECRETS = [...ALL_SECRETS, ...targets.flatMap((target) => target.adapter.responseOnlySecrets ?? [])];

let n8n: N8nInstance;

beforeAll(async () => {
	n8n = await startTestN8n({ env: { N8N_PAYLOAD_SIZE_MAX: '1' } });
	for (const target of targets) {
		const trigger = await target.trigger(n8n);
		target.workflowId = await n8n.api.createWorkflow({
			name: `hostile ${target.adapter.trigger}`,
			nodes: [trigger],
			connections: {},
		});
		await n8n.api.activate(target.workflowId);
		target.url = webhookUrl(webhookBase(n8n), trigger, target.path);
		await n8n.api.waitForWebhook(target.url);
	}
});

afterAll(async () => {
	await n8n?.stop();
});

function triggerItem(execution: Execution): Record<string, unknown> | undefined {
	const runData = execution.data?.resultData.runData ?? {};
	const first = Object.values(runData)[0]?.[0];
	return first?.data?.main[0]?.[0]?.json;
}

function leakedSecrets(text: string, secrets = ALL_SECRETS): string[] {
	return secrets.filter((secret) => text.includes(secret));
}

/** Paths of every string (key or value) in `value` that contains a configured secret. */
function secretPaths(value: unknown, path = '$'): string[] {
	if (typeof value === 'string') return leakedSecrets(value).length > 0 ? [path] : [];
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
		...(leakedSecrets(key).length > 0 ? [`${path}[key]`] : []),
		...secretPaths(child, `${path}.${key}`),
	]);
}

it('has a corpus of at least 300 requests, at least 100 per trigger', () => {
	const sizes = Object.fromEntries(targets.map((target) => [target.adapter.trigger, target.cases.length]));
	process.stdout.write(`hostile corpus sizes: ${JSON.stringify(sizes)}\n`);
	for (const target of targets) expect(target.cases.length).toBeGreaterThanOrEqual(100);
	expect(targets.map((target) => target.adapter.trigger)).toEqual([
		'brixTrigger',
		'uChatTrigger',
		'bonyChatTrigger',
		'selartiTrigger',
		'retailCrmModuleTrigger',
	]);
	expect(targets.reduce((sum, target) => sum + target.cases.length, 0)).toBeGreaterThanOrEqual(300);
	const ids = targets.flatMap((target) => target.cases.map((entry) => entry.id));
	expect(new Set(ids).size).toBe(ids.length);
});

describe.each(targets.map((target) => [target.adapter.trigger, target] as const))('%s', (_name, target) => {
	// Independent requests (no case depends on another's effect), sent a few at a time as platforms do; the checks
	// of each target's executions below run once all of its cases have been answered.
	it.concurrent.each(target.cases.map((entry) => [entry.id, entry] as const))('%s', async (_id, entry) => {
		const response = await send(target.url!, entry.request);
		target.responses.push({ id: entry.id, response });
		const summary = `${entry.id}: ${response.status} ${response.body.slice(0, 300)}`;
		expect(`${entry.id}: ${response.status}`).toBe(`${entry.id}: ${entry.status}`);
		if (entry.status >= 400) {
			expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
			const body = JSON.parse(response.body) as { error?: { message?: unknown } };
			expect(Object.keys(body)).toEqual(['error']);
			expect(typeof body.error?.message).toBe('string');
			if (entry.message) expect(summary).toMatch(entry.message);
		}
		if (entry.exactBody !== undefined) {
			expect(response.body).toBe(entry.exactBody);
			expect(String(response.headers['content-type'])).toMatch(/^text\/plain/);
		}
		const everything = `${JSON.stringify(response.headers)}\n${response.body}`;
		expect(leakedSecrets(everything, RESPONSE_SECRETS)).toEqual([]);
		for (const echoed of entry.mustNotEcho ?? []) expect(`${entry.id} echoes ${response.body.includes(echoed)}`).toBe(`${entry.id} echoes false`);
	});

	it('started exactly one execution per accepted request, none for rejected ones, with the data unchanged', async () => {
		const accepted = target.cases.filter((entry) => entry.executes);
		// Poll without data (cheap: some executions carry close to 1 MB), then read everything once.
		await waitFor(
			`${accepted.length} finished executions of ${target.adapter.trigger}`,
			async () => {
				const list = await n8n.api.executions(target.workflowId!, false);
				return list.length >= accepted.length && list.every((execution) => FINISHED.has(execution.status)) ? true : undefined;
			},
			{ timeoutMs: 540_000, intervalMs: 1000 },
		);
		const executions = await n8n.api.executions(target.workflowId!, true);
		// Nothing more arrives later.
		expect(await n8n.api.settledExecutionCount(target.workflowId!, 3000)).toBe(accepted.length);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);

		const byMarker = new Map<string, Array<Record<string, unknown>>>();
		for (const execution of executions) {
			const item = triggerItem(execution);
			const marker = target.adapter.markerOf ? target.adapter.markerOf(item ?? {}) : String(item?.chatId);
			byMarker.set(marker, [...(byMarker.get(marker) ?? []), item!]);
		}
		const expected = new Map<string, HostileCase[]>();
		for (const entry of accepted) expected.set(entry.marker!, [...(expected.get(entry.marker!) ?? []), entry]);
		expect([...byMarker.keys()].sort()).toEqual([...expected.keys()].sort());
		for (const [marker, entries] of expected) {
			const items = byMarker.get(marker) ?? [];
			expect(`${entries[0].id}: ${items.length} execution(s)`).toBe(`${entries[0].id}: ${entries.length} execution(s)`);
			for (const entry of entries) {
				if (entry.text === undefined) continue;
				const received = target.adapter.textOf ? target.adapter.textOf(items[0]) : String(items[0].text ?? '');
				expect(`${entry.id}: ${received === entry.text}`).toBe(`${entry.id}: true`);
			}
		}
	}, 600_000);

	it('reveals no secret in any execution', async () => {
		const executions = await n8n.api.executions(target.workflowId!, true);
		expect(executions.length).toBeGreaterThan(0);
		// The run data (what every node received and produced, errors included) must be clean. The workflow
		// snapshot n8n keeps with each execution holds the node parameters as the user typed them, which for
		// a UChat Trigger in manual registration includes its verification key (see README, known limits).
		const leaks = executions.flatMap((execution) =>
			secretPaths(execution.data, `execution ${execution.id}.data`),
		);
		expect(leaks).toEqual([]);
	});

	it('is still healthy: readiness answers and a valid request still runs', async () => {
		const ready = await axios.get(`${n8n.baseUrl}/healthz/readiness`, { validateStatus: () => true });
		expect(ready.status).toBe(200);
		const before = (await n8n.api.executions(target.workflowId!, false)).length;
		const marker = `after-${randomUUID()}`;
		const response = await send(target.url!, target.adapter.valid(marker, 'still alive'));
		expect(response.status).toBe(200);
		const executions = await n8n.api.waitForExecutions(target.workflowId!, before + 1, 180_000);
		const markers = executions.map((execution) => {
			const item = triggerItem(execution) ?? {};
			return target.adapter.markerOf ? target.adapter.markerOf(item) : item.chatId;
		});
		expect(markers).toContain(marker);
	});
});
