import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parseArgs } from 'util';

import { REPO_ROOT } from '../test/e2e/harness/paths';
import { killTest, type KillRow } from './kill';
import { memoryTable } from './memory';
import { packageFigures } from './package-figures';
import { peerScenarios, syncScenarios, triggerScenarios } from './platform-scenarios';
import { killTable, profileTables, summaryTable, throughputTable } from './report';
import { syncBaselineScenario, webhookScenario, type Scenario } from './scenarios';
import { throughput, type ThroughputRow } from './throughput';
import { websocketTable } from './websocket';

const USAGE = `npm run bench -- [options]
  --quick             vm engine only, 5 s per scenario, kill after 3 s; no sync replies, WebSocket, memory, package figures
  --engines LIST      expression engines, comma-separated (default vm,legacy; N8N_EXPRESSION_ENGINE of each n8n)
  --duration S        load per scenario in seconds (default 10)
  --warmup S          warm-up per scenario in seconds (default 2)
  --connections N     autocannon connections (default 10)
  --only TEXT         only the triggers whose name contains TEXT (with their peers; the Webhook node always runs)
  --skip LIST         parts to leave out: throughput,kill,sync,ws,memory,package
  --kill-after S      seconds of load before the SIGKILL (default 6)
  --kill-connections N  connections per target during the kill test (default 4)
  --profile           CPU profile of n8n's main process (node --cpu-prof), cut per scenario
  --top N             functions listed per scenario in the profile tables (default 6)
  --from FILE         print the tables again from a saved run (bench/results/latest.json) without running
  --help`;

const { values } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		engines: { type: 'string' },
		duration: { type: 'string' },
		warmup: { type: 'string' },
		connections: { type: 'string' },
		only: { type: 'string' },
		skip: { type: 'string' },
		'kill-after': { type: 'string' },
		'kill-connections': { type: 'string' },
		profile: { type: 'boolean', default: false },
		top: { type: 'string' },
		from: { type: 'string' },
		help: { type: 'boolean', default: false },
	},
});

const quick = values.quick ?? false;
const number = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const options = {
	engines: (values.engines ?? process.env.BENCH_ENGINES ?? (quick ? 'vm' : 'vm,legacy')).split(','),
	durationS: number(values.duration ?? process.env.BENCH_DURATION_S, quick ? 5 : 10),
	warmupS: number(values.warmup, quick ? 1 : 2),
	connections: number(values.connections, 10),
	only: values.only ?? process.env.BENCH_ONLY,
	skip: new Set([
		...(values.skip ?? '').split(',').filter(Boolean),
		...(quick ? ['sync', 'ws', 'memory', 'package'] : []),
	]),
	killAfterS: number(values['kill-after'], quick ? 3 : 6),
	killConnections: number(values['kill-connections'], 4),
	profile: values.profile ?? false,
	top: number(values.top, 6),
	wsEvents: Number(process.env.BENCH_WS_EVENTS ?? 100_000),
	memoryRequests: Number(process.env.BENCH_MEMORY_REQUESTS ?? 50_000),
};

/** crypto for the Code node checks a user writes (HMAC); harmless for the other workflows. */
const N8N_ENV = { N8N_LOG_LEVEL: 'error', NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' };

const began = Date.now();
function log(line: string) {
	process.stdout.write(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}

/** What a run leaves in bench/results/latest.json: enough to print the tables again (`--from`). */
interface Saved {
	header: string;
	throughput: Array<Omit<ThroughputRow, 'scenario'> & { scenario: Pick<Scenario, 'name' | 'kind' | 'peer'> }>;
	profiles: Array<[string, string]>;
	kill: KillRow[];
}

function render(saved: Saved): string[] {
	const rows = saved.throughput as ThroughputRow[];
	const profile = saved.profiles.length > 0 ? profileTables(rows, new Map(saved.profiles), options.top) : undefined;
	const sections = [saved.header, '\n### Summary\n', summaryTable(rows, saved.kill, profile?.digest ?? new Map())];
	if (rows.length > 0) {
		sections.push('\n### Webhook throughput: executions finished per second (headline) and acknowledged requests\n', throughputTable(rows));
	}
	if (saved.kill.length > 0) sections.push('\n### Kill test: SIGKILL under load, restart on the same database\n', killTable(saved.kill));
	if (profile) sections.push(profile.text);
	return sections;
}

async function main() {
	if (values.help) return void process.stdout.write(`${USAGE}\n`);
	if (values.from) return void process.stdout.write(`${render(JSON.parse(readFileSync(values.from, 'utf8')) as Saved).join('\n')}\n`);
	const selected = (list: Scenario[]) => list.filter((scenario) => !options.only || scenario.name.includes(options.only));
	const triggers = selected(triggerScenarios);
	const peers = peerScenarios.filter((peer) => triggers.some((trigger) => trigger.peer === peer.name));
	const sync = options.skip.has('sync') ? [] : selected(syncScenarios);
	const resultsDir = join(REPO_ROOT, 'bench', 'results');
	mkdirSync(resultsDir, { recursive: true });
	const saved: Saved = {
		header: [
			`Run ${new Date().toISOString()}: engines ${options.engines.join(', ')}`,
			options.skip.has('throughput') ? '' : `; ${options.durationS} s per scenario after ${options.warmupS} s warm-up, ${options.connections} connections`,
			options.skip.has('kill') ? '' : `; kill after ${options.killAfterS} s of load, ${options.killConnections} connections per target`,
			'.',
		].join(''),
		throughput: [],
		profiles: [],
		kill: [],
	};

	if (!options.skip.has('throughput')) {
		const scenarios = [webhookScenario, ...triggers, ...peers, ...(sync.length > 0 ? [syncBaselineScenario, ...sync] : [])];
		log(`Throughput: ${scenarios.length} scenarios per engine`);
		for (const engine of options.engines) {
			const result = await throughput(
				engine,
				scenarios,
				{ ...options, env: N8N_ENV, profileDir: options.profile ? resultsDir : undefined },
				log,
			);
			saved.throughput.push(...result.rows);
			if (result.profile) saved.profiles.push([engine, result.profile]);
		}
	}

	if (!options.skip.has('kill')) {
		const targets = [webhookScenario, ...triggers];
		for (const engine of options.engines) {
			log(`Kill test (${engine}): each of ${targets.length} targets under load, SIGKILL after ${options.killAfterS} s, restart`);
			saved.kill.push(
				...(await killTest(engine, targets, { loadS: options.killAfterS, connections: options.killConnections, env: N8N_ENV }, log)),
			);
		}
	}
	const toSave = { ...saved, throughput: saved.throughput.map((row) => ({ ...row, scenario: { name: row.scenario.name, kind: row.scenario.kind, peer: row.scenario.peer } })) };
	writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(toSave, null, 1));
	const sections = render(saved);

	if (!options.skip.has('ws') && options.wsEvents > 0) {
		log(`WebSocket: ${options.wsEvents} message_new events into the retailCRM Bot Trigger`);
		sections.push(`\n### retailCRM WebSocket trigger, ${options.wsEvents} events (in-process, n8n-core TriggerContext)\n`);
		sections.push(await websocketTable(options.wsEvents));
	}

	if (!options.skip.has('memory') && options.memoryRequests > 0) {
		log(`Memory: ${options.memoryRequests} requests through n8n's Webhook node, then through the package's triggers`);
		sections.push(`\n### Memory of n8n over ${options.memoryRequests} webhook requests (legacy engine)\n`);
		sections.push(await memoryTable(webhookScenario, triggers, options.memoryRequests));
	}

	if (!options.skip.has('package')) sections.push('\n### Package\n', await packageFigures());

	const report = sections.join('\n');
	process.stdout.write(`\n${report}\n`);
	writeFileSync(join(resultsDir, 'latest.md'), `${report}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
