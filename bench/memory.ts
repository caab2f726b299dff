import { startN8n } from '../test/e2e/harness/n8n-server';
import { drain } from './lib/executions';
import { runCount } from './lib/load';
import { memoryMiB } from './lib/proc';
import type { Scenario } from './scenarios';

interface MemoryRow {
	label: string;
	requests: number;
	rssBefore: number;
	rssAfter: number;
	peak: number;
}

/**
 * n8n's resident memory before and after `total` requests through the given scenarios, on a fresh n8n, after
 * the executions drained. The baseline run (n8n's own Webhook node) shows what n8n itself grows by.
 */
async function measure(label: string, scenarios: Scenario[], total: number): Promise<MemoryRow> {
	const n8n = await startN8n({ env: { N8N_EXPRESSION_ENGINE: 'legacy', N8N_LOG_LEVEL: 'error' } });
	try {
		const prepared = [];
		for (const scenario of scenarios) prepared.push(await scenario.prepare(n8n));
		for (const target of prepared) await runCount(target.request, 500);
		for (const target of prepared) await drain(n8n.api, target.workflowId, Number.MAX_SAFE_INTEGER, 2000);
		const rssBefore = memoryMiB(n8n.pid);
		const share = Math.ceil(total / prepared.length);
		for (const target of prepared) {
			await runCount(target.request, share);
			await drain(n8n.api, target.workflowId, Number.MAX_SAFE_INTEGER, 3000);
		}
		return { label, requests: share * prepared.length, rssBefore, rssAfter: memoryMiB(n8n.pid), peak: memoryMiB(n8n.pid, 'VmHWM') };
	} finally {
		await n8n.stop();
	}
}

export async function memoryTable(baseline: Scenario, ours: Scenario[], total: number): Promise<string> {
	const rows = [await measure('n8n Webhook node', [baseline], total), await measure('package webhook triggers', ours, total)];
	const lines = [
		'| run | requests | RSS before MiB | RSS after MiB | growth MiB | peak MiB |',
		'|---|---:|---:|---:|---:|---:|',
		...rows.map(
			(row) =>
				`| ${row.label} | ${row.requests} | ${row.rssBefore} | ${row.rssAfter} | ${row.rssAfter - row.rssBefore} | ${row.peak} |`,
		),
	];
	return lines.join('\n');
}
