import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { Execution } from '../harness/n8n-api';
import { N8N_MODE } from '../harness/mode';
import { startN8n, type N8nInstance } from '../harness/n8n-server';
import { delay, waitFor } from '../harness/wait';
import { webhookUrl } from '../harness/workflow';
import { send } from '../hostile/corpus';
import { targets, type Target } from '../hostile/targets';

/**
 * An acknowledgement is a promise. n8n is killed (SIGKILL, no chance to flush anything) while every webhook
 * trigger receives a steady stream of valid deliveries, then started again on the same database. Every delivery
 * a trigger answered with its success must have an execution; a request that got no answer may or may not have
 * one (the platform sends it again). Single-process n8n: the process that answers is the one that dies.
 */

const PER_TRIGGER_IN_FLIGHT = 3;
/** Acknowledged deliveries each trigger must have before the kill, so that the kill lands mid-stream. */
const ACKED_BEFORE_KILL = 8;

interface Stream {
	target: Target;
	url: string;
	workflowId: string;
	acknowledged: string[];
	unanswered: number;
	sent: number;
}

const describeSingle = N8N_MODE === 'single' ? describe : describe.skip;

describeSingle('every webhook trigger survives a SIGKILL with nothing acknowledged lost', () => {
	const userFolder = mkdtempSync(join(tmpdir(), 'chat-bridge-kill-'));
	let n8n: N8nInstance | undefined;
	const streams: Stream[] = [];

	beforeAll(async () => {
		n8n = await startN8n({ userFolder });
		for (const target of targets) {
			const trigger = await target.trigger(n8n);
			const workflowId = await n8n.api.createWorkflow({ name: `kill ${target.adapter.trigger}`, nodes: [trigger], connections: {} });
			await n8n.api.activate(workflowId);
			const url = webhookUrl(n8n.baseUrl, trigger, target.path);
			await n8n.api.waitForWebhook(url);
			streams.push({ target, url, workflowId, acknowledged: [], unanswered: 0, sent: 0 });
		}
	});

	afterAll(async () => {
		await n8n?.stop();
		if (process.env.CHAT_BRIDGE_KEEP_N8N !== 'true') rmSync(userFolder, { recursive: true, force: true });
	});

	it('answers success only for deliveries n8n has stored', async () => {
		let killed = false;
		const sender = async (stream: Stream) => {
			while (!killed) {
				const marker = `kill-${randomUUID()}`;
				stream.sent += 1;
				try {
					const response = await send(stream.url, stream.target.adapter.valid(marker, `delivery ${marker}`), 20_000);
					if (response.status >= 200 && response.status < 300) stream.acknowledged.push(marker);
					else stream.unanswered += 1;
				} catch {
					stream.unanswered += 1;
				}
			}
		};
		const senders = streams.flatMap((stream) => Array.from({ length: PER_TRIGGER_IN_FLIGHT }, () => sender(stream)));

		await waitFor(
			'every trigger acknowledging deliveries',
			async () => (streams.every((stream) => stream.acknowledged.length >= ACKED_BEFORE_KILL) ? true : undefined),
			{ timeoutMs: 120_000, intervalMs: 20 },
		);
		await n8n!.kill('SIGKILL');
		killed = true;
		await Promise.all(senders);
		await n8n!.restart();
		const lines: string[] = [];
		for (const stream of streams) {
			const stored = new Set((await executionsSettled(n8n!, stream.workflowId)).map((execution) => markerOf(stream, execution)));
			const lost = stream.acknowledged.filter((marker) => !stored.has(marker));
			lines.push(
				`${stream.target.adapter.trigger}: sent ${stream.sent}, acknowledged ${stream.acknowledged.length}, executions ${stored.size}, lost ${lost.length}`,
			);
			expect(`${stream.target.adapter.trigger} lost ${lost.length}: ${lost.slice(0, 3).join(', ')}`).toBe(
				`${stream.target.adapter.trigger} lost 0: `,
			);
		}
		process.stdout.write(`kill test: ${lines.join('; ')}\n`);
		for (const stream of streams) expect(stream.acknowledged.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);
	}, 420_000);
});

/** The executions after the restart, once n8n has marked the ones the kill interrupted as crashed. */
async function executionsSettled(n8n: N8nInstance, workflowId: string): Promise<Execution[]> {
	await waitFor(
		`executions of ${workflowId} settled after the restart`,
		async () => {
			const list = await n8n.api.executions(workflowId, false);
			return list.every((execution) => execution.status !== 'new' && execution.status !== 'running') ? true : undefined;
		},
		{ timeoutMs: 120_000, intervalMs: 500 },
	);
	await delay(500);
	return n8n.api.executions(workflowId, true);
}

interface StoredExecution {
	data?: {
		resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>> };
		executionData?: { nodeExecutionStack?: Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }> };
	};
}

/**
 * The delivery an execution carries: the trigger's output when it ran, otherwise the item n8n stored for it
 * to run (an execution the kill interrupted has only that).
 */
function markerOf(stream: Stream, execution: Execution): string {
	const data = (execution as StoredExecution).data;
	const ran = Object.values(data?.resultData?.runData ?? {})[0]?.[0]?.data?.main?.[0]?.[0]?.json;
	const queued = data?.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.[0]?.json;
	const item = ran ?? queued ?? {};
	return stream.target.adapter.markerOf ? stream.target.adapter.markerOf(item) : String(item.chatId);
}
