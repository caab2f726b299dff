import type { Execution, N8nApi } from '../../test/e2e/harness/n8n-api';
import { delay } from '../../test/e2e/harness/wait';

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** Number of finished executions of a workflow, read from the editor's REST list (it returns a count). */
export async function finishedExecutions(api: N8nApi, workflowId: string): Promise<number> {
	const filter = JSON.stringify({ workflowId, status: FINISHED });
	const response = await api.rest.get('/executions', { params: { filter, limit: 1 } });
	if (response.status !== 200) throw new Error(`execution count failed: ${response.status}`);
	return Number((response.data as { data: { count: number } }).data.count);
}

/**
 * Waits until `expected` executions have finished (or the count stops moving for `idleMs`), and returns the
 * count and how long the drain took after the load ended.
 */
export async function drain(api: N8nApi, workflowId: string, expected: number, idleMs = 5000, maxMs = 300_000) {
	const started = Date.now();
	let last = -1;
	let lastChange = Date.now();
	for (;;) {
		const count = await finishedExecutions(api, workflowId);
		if (count >= expected) return { finished: count, drainMs: Date.now() - started };
		if (count !== last) {
			last = count;
			lastChange = Date.now();
		} else if (Date.now() - lastChange > idleMs || Date.now() - started > maxMs) {
			return { finished: count, drainMs: lastChange - started };
		}
		await delay(250);
	}
}

interface Timed extends Execution {
	startedAt?: string | null;
	stoppedAt?: string | null;
}

/** Executions of a workflow with an id above `afterId`: how many, the highest id, and when the last one stopped. */
export async function executionsAfter(api: N8nApi, workflowId: string, afterId: number) {
	const list = (await api.executions(workflowId, false)) as Timed[];
	const window = list.filter((execution) => Number(execution.id) > afterId);
	const stopped = window.map((execution) => Date.parse(execution.stoppedAt ?? '')).filter(Number.isFinite);
	return {
		count: window.length,
		finished: window.filter((execution) => FINISHED.includes(execution.status)).length,
		maxId: list.reduce((max, execution) => Math.max(max, Number(execution.id)), afterId),
		lastStoppedAt: stopped.length > 0 ? stopped.reduce((max, time) => Math.max(max, time)) : undefined,
	};
}

/** The newest execution of a workflow, with its data. */
export async function lastExecution(api: N8nApi, workflowId: string): Promise<Execution | undefined> {
	const response = await api.http.get('/executions', { params: { workflowId, includeData: true, limit: 1 } });
	if (response.status !== 200) throw new Error(`list executions failed: ${response.status}`);
	return (response.data as { data: Execution[] }).data[0];
}
