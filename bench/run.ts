import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';

import { startN8n } from '../test/e2e/harness/n8n-server';
import { REPO_ROOT } from '../test/e2e/harness/paths';
import { drain } from './lib/executions';
import { runLoad } from './lib/load';
import { memoryMiB } from './lib/proc';
import { baselineScenarios, WEBHOOK_BASELINE, type Scenario } from './scenarios';
import { platformScenarios } from './platform-scenarios';
import { packageFigures } from './package-figures';
import { memoryTable } from './memory';
import { websocketTable } from './websocket';

interface Row {
	engine: string;
	scenario: string;
	baseline?: string;
	rps: number;
	execPerS?: number;
	drainS?: number;
	p50: number;
	p99: number;
	non2xx: number;
	ratio?: number;
}

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ENGINES = (process.env.BENCH_ENGINES ?? 'vm,legacy').split(',');
const ONLY = process.env.BENCH_ONLY;
const WS_EVENTS = Number(process.env.BENCH_WS_EVENTS ?? 100_000);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 50_000);

function log(line: string) {
	process.stdout.write(`${line}\n`);
}

async function measure(engine: string, scenarios: Scenario[]): Promise<Row[]> {
	const n8n = await startN8n({ env: { N8N_EXPRESSION_ENGINE: engine, N8N_LOG_LEVEL: 'error' } });
	const rows: Row[] = [];
	try {
		for (const scenario of scenarios) {
			const prepared = await scenario.prepare(n8n);
			await runLoad(prepared.request, { durationS: 2 });
			const warm = await drain(n8n.api, prepared.workflowId, Number.MAX_SAFE_INTEGER, 2000);
			const load = await runLoad(prepared.request, { durationS: DURATION_S });
			const row: Row = {
				engine,
				scenario: scenario.name,
				baseline: scenario.baseline,
				rps: load.requestsPerSecond,
				p50: load.p50Ms,
				p99: load.p99Ms,
				non2xx: load.non2xx + load.errors,
			};
			if (prepared.startsExecution) {
				const expected = warm.finished + load.answered2xx;
				const drained = await drain(n8n.api, prepared.workflowId, expected);
				row.drainS = drained.drainMs / 1000;
				row.execPerS = (drained.finished - warm.finished) / (DURATION_S + row.drainS);
			}
			rows.push(row);
			log(`  ${engine.padEnd(6)} ${scenario.name.padEnd(48)} ${row.rps.toFixed(0).padStart(5)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms`);
		}
		log(`  n8n main RSS after the ${engine} run: ${memoryMiB(n8n.pid)} MiB`);
	} finally {
		await n8n.stop();
	}
	for (const row of rows) {
		const base = rows.find((other) => other.scenario === row.baseline);
		if (base) row.ratio = row.rps / base.rps;
	}
	return rows;
}

function table(rows: Row[]): string {
	const lines = [
		'| engine | scenario | req/s | ratio vs baseline | executions/s | drain s | p50 ms | p99 ms | errors |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.engine} | ${row.scenario} | ${row.rps.toFixed(0)} | ${row.ratio ? `${row.ratio.toFixed(2)}x` : 'baseline'} | ${row.execPerS?.toFixed(0) ?? '-'} | ${row.drainS?.toFixed(1) ?? '-'} | ${row.p50} | ${row.p99} | ${row.non2xx} |`,
		);
	}
	return lines.join('\n');
}

async function main() {
	const scenarios = [...baselineScenarios, ...platformScenarios].filter((s) => !ONLY || s.name.includes(ONLY) || !s.baseline);
	const sections: string[] = [];
	log(`Webhook throughput, ${DURATION_S} s per scenario, 10 connections, engines: ${ENGINES.join(', ')}`);
	const rows: Row[] = [];
	for (const engine of ENGINES) rows.push(...(await measure(engine, scenarios)));
	sections.push('### Webhook triggers and synchronous replies\n', table(rows));

	if (WS_EVENTS > 0) {
		log(`\nWebSocket: ${WS_EVENTS} message_new events into the retailCRM Bot Trigger`);
		sections.push(`\n### retailCRM WebSocket trigger, ${WS_EVENTS} events (in-process, n8n-core TriggerContext)\n`);
		sections.push(await websocketTable(WS_EVENTS));
	}

	if (MEMORY_REQUESTS > 0) {
		log(`\nMemory: ${MEMORY_REQUESTS} requests through n8n's Webhook node, then through the package's triggers`);
		const triggers = platformScenarios.filter((scenario) => scenario.baseline === WEBHOOK_BASELINE);
		sections.push(`\n### Memory of n8n over ${MEMORY_REQUESTS} webhook requests (legacy engine)\n`);
		sections.push(await memoryTable(baselineScenarios[0], triggers, MEMORY_REQUESTS));
	}

	const extra = await packageFigures();
	sections.push('\n### Package\n', extra);

	const report = sections.join('\n');
	log(`\n${report}`);
	const dir = join(REPO_ROOT, 'bench', 'results');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'latest.md'), `${report}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
