import type { KillRow } from './kill';
import { extraOver, perUnit, readProfile, selfTime, type SelfTime } from './lib/profile';
import type { ThroughputRow } from './throughput';

const fixed = (value: number | undefined, digits = 1) => (value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits));
const ratio = (ours: number, base: number | undefined) => (base ? `${(ours / base).toFixed(2)}x` : '-');

/** Executions/s (headline) and acknowledged requests/s of every scenario, with ratios to both peers. */
export function throughputTable(rows: ThroughputRow[]): string {
	const lines = [
		'| engine | scenario | executions/s | vs Webhook node | vs peer | acknowledged req/s | ack vs Webhook node | ack vs peer | last execution after load s | p50 ms | p99 ms | errors |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const row of rows) {
		const same = rows.filter((other) => other.engine === row.engine);
		const webhook = row.scenario.kind === 'trigger' || row.scenario.kind === 'peer' ? same.find((other) => other.scenario.kind === 'webhook') : undefined;
		const peer = row.scenario.peer ? same.find((other) => other.scenario.name === row.scenario.peer) : undefined;
		lines.push(
			`| ${row.engine} | ${row.scenario.name}${row.problem ? ` (**${row.problem}**)` : ''} | ${fixed(row.execPerS)} | ${ratio(row.execPerS, webhook?.execPerS)} | ${ratio(row.execPerS, peer?.execPerS)} | ${fixed(row.ackPerS)} | ${ratio(row.ackPerS, webhook?.ackPerS)} | ${ratio(row.ackPerS, peer?.ackPerS)} | ${fixed(row.tailS)} | ${row.p50} | ${row.p99} | ${row.errors} |`,
		);
	}
	return lines.join('\n');
}

export function killTable(rows: KillRow[]): string {
	const lines = [
		'| engine | target | sent | answered 2xx | executions stored | of them not success | lost (2xx without execution) | executions without 2xx | executions without marker |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.engine} | ${row.target} | ${row.sent} | ${row.answered2xx} | ${row.executions} | ${row.notSuccess} | **${row.lost}** | ${row.unacknowledged} | ${row.unmatched ?? '-'} |`,
		);
	}
	return lines.join('\n');
}

const list = (entries: Array<[string, number]>, count: number, sign = '') =>
	entries
		.slice(0, count)
		.map(([key, ms]) => `${sign && ms > 0 ? sign : ''}${ms.toFixed(2)} ${key.replace(/\|/g, '\\|')}`)
		.join('<br>');

/**
 * CPU profile of n8n's main process, cut into each scenario's run (first request to last execution finished):
 * main-thread CPU per execution, the modules and functions that take it, and for each trigger the functions
 * that cost it more per execution than the Webhook node.
 */
export function profileTables(rows: ThroughputRow[], profiles: Map<string, string>, top: number): string {
	const sections: string[] = [];
	for (const [engine, file] of profiles) {
		const profile = readProfile(file);
		const measured = rows
			.filter((row) => row.engine === engine && row.executions > 0)
			.map((row) => ({ row, self: selfTime(profile, row.window.fromUs, row.window.toUs) }));
		const webhook = measured.find((entry) => entry.row.scenario.kind === 'webhook');
		const per = (entry: { row: ThroughputRow }) => entry.row.executions;

		sections.push(
			`\n#### CPU profile, ${engine} engine: main-thread CPU per execution (ms), top modules and self-time functions\n`,
			'| scenario | CPU ms / execution | busy % of run | top modules (ms / execution) | top self-time functions (ms / execution) |',
			'|---|---:|---:|---|---|',
		);
		for (const entry of measured) {
			const { self } = entry;
			sections.push(
				`| ${entry.row.scenario.name} | ${(self.busyMs / per(entry)).toFixed(2)} | ${((100 * self.busyMs) / self.windowMs).toFixed(0)} | ${list(perUnit(self.modules, per(entry)), 4)} | ${list(perUnit(self.functions, per(entry)), top)} |`,
			);
		}
		if (!webhook) continue;
		sections.push(
			`\n#### CPU profile, ${engine} engine: what each scenario pays per execution that the Webhook node does not (ms)\n`,
			'| scenario | extra CPU ms / execution | by module | by entry into the module (module ← caller) | by function |',
			'|---|---:|---|---|---|',
		);
		const extra = (entry: { row: ThroughputRow; self: SelfTime }, pick: (self: SelfTime) => Map<string, number>) =>
			extraOver(pick(entry.self), per(entry), pick(webhook.self), per(webhook));
		for (const entry of measured) {
			if (entry === webhook) continue;
			const total = entry.self.busyMs / per(entry) - webhook.self.busyMs / per(webhook);
			sections.push(
				`| ${entry.row.scenario.name} | ${total.toFixed(2)} | ${list(extra(entry, (self) => self.modules), 4, '+')} | ${list(extra(entry, (self) => self.entries), 4, '+')} | ${list(extra(entry, (self) => self.functions), top, '+')} |`,
			);
		}
	}
	return sections.join('\n');
}
