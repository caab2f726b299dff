import axios from 'axios';
import { randomUUID } from 'crypto';
import { Agent } from 'http';

import type { N8nApi } from '../test/e2e/harness/n8n-api';
import { startN8n } from '../test/e2e/harness/n8n-server';
import { delay } from '../test/e2e/harness/wait';
import type { PreparedScenario, Scenario } from './scenarios';

export interface KillRow {
	engine: string;
	target: string;
	sent: number;
	answered2xx: number;
	executions: number;
	/** Stored executions that did not finish successfully (crashed by the kill). */
	notSuccess: number;
	/** Acknowledged deliveries whose marker is in no stored execution. */
	lost: number;
	/** Stored executions of deliveries that were never acknowledged (the client saw the connection die). */
	unacknowledged: number;
	/** Stored executions in which no marker was found (should be 0: otherwise "lost" cannot be trusted). */
	unmatched: number;
}

interface Sent {
	sent: number;
	acknowledged: Set<string>;
}

/** Sends valid deliveries, each with its own marker, over `connections` keep-alive connections until `stop.now`. */
async function deliverUntil(target: PreparedScenario, prefix: string, stop: { now: boolean }, connections: number): Promise<Sent> {
	const agent = new Agent({ keepAlive: true, maxSockets: connections });
	const result: Sent = { sent: 0, acknowledged: new Set() };
	let next = 0;
	const worker = async () => {
		while (!stop.now) {
			const marker = `${prefix}${next++}`;
			const request = target.delivery(marker);
			result.sent++;
			try {
				const response = await axios.request({
					method: request.method,
					url: request.url,
					headers: request.headers,
					data: request.body,
					httpAgent: agent,
					validateStatus: () => true,
					transformResponse: (body: unknown) => body,
					timeout: 60_000,
				});
				if (response.status >= 200 && response.status < 300) result.acknowledged.add(marker);
			} catch {
				// Connection refused or reset: n8n is gone; the delivery counts as not acknowledged.
				if (!stop.now) await delay(100);
			}
		}
	};
	await Promise.all(Array.from({ length: connections }, worker));
	agent.destroy();
	return result;
}

const RUNNING = new Set(['new', 'running', 'waiting', 'unknown']);

/** Waits until the workflow's execution list stops changing and nothing runs any more (crash recovery done). */
async function settled(api: N8nApi, workflowId: string, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	let previous = '';
	for (;;) {
		const list = await api.executions(workflowId, false);
		const signature = list.map((execution) => `${execution.id}:${execution.status}`).join(',');
		if (signature === previous && !list.some((execution) => RUNNING.has(execution.status))) return;
		if (Date.now() > deadline) return;
		previous = signature;
		await delay(2000);
	}
}

/**
 * Kill test, one target at a time on the same n8n: valid deliveries for `loadS` seconds, SIGKILL of n8n (main
 * process and task runner) in the middle of the load, restart on the same database, then every acknowledged
 * delivery is looked up by its marker in the stored executions.
 */
export async function killTest(
	engine: string,
	scenarios: Scenario[],
	{ loadS, connections, env }: { loadS: number; connections: number; env: Record<string, string> },
	log: (line: string) => void,
): Promise<KillRow[]> {
	const n8n = await startN8n({ env: { ...env, N8N_EXPRESSION_ENGINE: engine } });
	try {
		const prepared: PreparedScenario[] = [];
		for (const scenario of scenarios) prepared.push(await scenario.prepare(n8n));
		const run = randomUUID().slice(0, 8);
		const rows: KillRow[] = [];
		for (const [index, scenario] of scenarios.entries()) {
			const { workflowId } = prepared[index];
			const stop = { now: false };
			const sending = deliverUntil(prepared[index], `k${run}x${index}x`, stop, connections);
			await delay(loadS * 1000);
			await n8n.kill('SIGKILL');
			stop.now = true;
			const { sent, acknowledged } = await sending;
			await n8n.restart();
			await settled(n8n.api, workflowId);
			const executions = await n8n.api.executions(workflowId, true);
			const pattern = new RegExp(`k${run}x${index}x\\d+`, 'g');
			const stored = new Set<string>();
			let unmatched = 0;
			for (const execution of executions) {
				const markers = JSON.stringify(execution).match(pattern) ?? [];
				if (markers.length === 0) unmatched++;
				for (const marker of markers) stored.add(marker);
			}
			const row: KillRow = {
				engine,
				target: scenario.name,
				sent,
				answered2xx: acknowledged.size,
				executions: executions.length,
				notSuccess: executions.filter((execution) => execution.status !== 'success').length,
				lost: [...acknowledged].filter((marker) => !stored.has(marker)).length,
				unacknowledged: [...stored].filter((marker) => !acknowledged.has(marker)).length,
				unmatched,
			};
			rows.push(row);
			log(`  ${engine.padEnd(6)} ${scenario.name.padEnd(52)} killed after ${loadS} s: ${row.answered2xx} answered 2xx, ${row.executions} executions, ${row.lost} lost${unmatched > 0 ? `, PROBLEM: ${unmatched} executions without a marker` : ''}`);
		}
		return rows;
	} finally {
		await n8n.stop();
	}
}
