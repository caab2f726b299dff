import { existsSync } from 'fs';
import { join } from 'path';

import { startN8n } from '../test/e2e/harness/n8n-server';
import { drain, executionsAfter, finishedExecutions, lastExecution } from './lib/executions';
import { runLoad } from './lib/load';
import { memoryMiB } from './lib/proc';
import { monotonicMicros } from './lib/profile';
import { waitFor } from '../test/e2e/harness/wait';
import type { Scenario } from './scenarios';

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

export interface ThroughputRow {
	engine: string;
	scenario: Scenario;
	/** Requests answered 2xx per second of load. */
	ackPerS: number;
	answered2xx: number;
	/** Executions finished per second, from the first request sent to the last execution finished. */
	execPerS: number;
	executions: number;
	/** Seconds from the end of the load to the last execution finished (the backlog n8n still held). */
	tailS: number;
	p50: number;
	p99: number;
	errors: number;
	/** Why the last execution is not what the scenario expects (failed, or a peer's check did not pass). */
	problem?: string;
	/** The run on the monotonic clock, for the CPU profile. */
	window: { fromUs: number; toUs: number };
}

export interface ThroughputOptions {
	durationS: number;
	warmupS: number;
	connections: number;
	env: Record<string, string>;
	/** Folder for the n8n main process's CPU profile (`node --cpu-prof`); none when undefined. */
	profileDir?: string;
}

/**
 * One n8n per engine; every scenario in turn: warm-up, drain, autocannon load, then the executions of the
 * load are read from n8n (count and the time the last one stopped).
 */
export async function throughput(
	engine: string,
	scenarios: Scenario[],
	options: ThroughputOptions,
	log: (line: string) => void,
): Promise<{ rows: ThroughputRow[]; profile?: string }> {
	const profileName = `n8n-${engine}.cpuprofile`;
	const nodeArgs = options.profileDir
		? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${profileName}`]
		: [];
	const n8n = await startN8n({ env: { ...options.env, N8N_EXPRESSION_ENGINE: engine }, nodeArgs });
	const rows: ThroughputRow[] = [];
	try {
		for (const scenario of scenarios) {
			const prepared = await scenario.prepare(n8n);
			await runLoad(prepared.request, { durationS: options.warmupS, connections: options.connections });
			await drain(n8n.api, prepared.workflowId, Number.MAX_SAFE_INTEGER, 2000);
			const warm = await executionsAfter(n8n.api, prepared.workflowId, 0);
			const warmFinished = await finishedExecutions(n8n.api, prepared.workflowId);

			const startedAt = Date.now();
			const fromUs = monotonicMicros();
			const load = await runLoad(prepared.request, { durationS: options.durationS, connections: options.connections });
			const loadEnded = Date.now();
			await drain(n8n.api, prepared.workflowId, warmFinished + load.answered2xx);
			// Requests still in flight when the load stopped may have started executions after the count was reached.
			const last = await waitFor('the last execution to finish', async () => {
				const execution = await lastExecution(n8n.api, prepared.workflowId);
				return !execution || FINISHED.has(execution.status) ? execution : undefined;
			}).catch(() => lastExecution(n8n.api, prepared.workflowId));
			const run = await executionsAfter(n8n.api, prepared.workflowId, warm.maxId);
			const lastStopped = run.lastStoppedAt ?? loadEnded;
			const problem = !last
				? 'no execution'
				: last.status !== 'success'
					? `execution ${last.status}`
					: prepared.verify?.(last);
			const row: ThroughputRow = {
				engine,
				scenario,
				ackPerS: load.answered2xx / load.durationS,
				answered2xx: load.answered2xx,
				execPerS: run.finished / ((lastStopped - startedAt) / 1000),
				executions: run.finished,
				tailS: Math.max(0, lastStopped - loadEnded) / 1000,
				p50: load.p50Ms,
				p99: load.p99Ms,
				errors: load.non2xx + load.errors,
				problem,
				window: { fromUs, toUs: fromUs + (lastStopped - startedAt) * 1000 },
			};
			rows.push(row);
			log(
				`  ${engine.padEnd(6)} ${scenario.name.padEnd(52)} ${row.execPerS.toFixed(1).padStart(6)} exec/s ${row.ackPerS.toFixed(1).padStart(6)} ack/s  p50 ${row.p50} ms${problem ? `  PROBLEM: ${problem}` : ''}`,
			);
		}
		log(`  n8n main RSS after the ${engine} run: ${memoryMiB(n8n.pid)} MiB`);
	} finally {
		await n8n.stop();
	}
	const profile = options.profileDir ? join(options.profileDir, profileName) : undefined;
	if (profile && !existsSync(profile)) log(`  no CPU profile written (n8n did not exit cleanly): ${profile}`);
	return { rows, profile: profile && existsSync(profile) ? profile : undefined };
}
