import type { N8nApi } from '../../test/e2e/harness/n8n-api';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Number of finished executions of a workflow, read from the editor's REST list (it returns a count). */
export async function finishedExecutions(api: N8nApi, workflowId: string): Promise<number> {
	const filter = JSON.stringify({ workflowId, status: ['success', 'error', 'crashed', 'canceled'] });
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
