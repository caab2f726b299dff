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
export function profileTables(rows: ThroughputRow[], profiles: Map<string, string>, top: number) {
	const sections: string[] = [];
	/** Per "engine|scenario": CPU per execution, the part above the Webhook node's, and the largest entry of it. */
	const digest = new Map<string, { cpu: number; extra?: number; topEntry?: string }>();
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
			digest.set(`${engine}|${entry.row.scenario.name}`, { cpu: self.busyMs / per(entry) });
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
			const entries = extra(entry, (self) => self.entries);
			const known = digest.get(`${engine}|${entry.row.scenario.name}`);
			if (known) Object.assign(known, { extra: total, topEntry: entries[0] ? list(entries, 1, '+') : undefined });
			sections.push(
				`| ${entry.row.scenario.name} | ${total.toFixed(2)} | ${list(extra(entry, (self) => self.modules), 4, '+')} | ${list(entries, 4, '+')} | ${list(extra(entry, (self) => self.functions), top, '+')} |`,
			);
		}
	}
	return { text: sections.join('\n'), digest };
}

/**
 * Everything in one table, per engine and target: executions/s and acknowledged requests/s with their ratios,
 * the kill test, and (with a profile) the CPU per execution above the Webhook node's with its largest entry.
 */
export function summaryTable(
	rows: ThroughputRow[],
	kill: KillRow[],
	digest: Map<string, { cpu: number; extra?: number; topEntry?: string }>,
): string {
	const engines = [...new Set([...rows.map((row) => row.engine), ...kill.map((row) => row.engine)])];
	const lines = [
		'| engine | target | executions/s | vs Webhook node | vs Webhook + Code + IF | acknowledged req/s | ack vs Webhook node | ack vs Webhook + Code + IF | kill test: 2xx / executions / **lost** | CPU ms / execution over the Webhook node | largest part of it |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
	];
	for (const engine of engines) {
		const same = rows.filter((row) => row.engine === engine);
		const webhook = same.find((row) => row.scenario.kind === 'webhook');
		const names = [
			...same.filter((row) => row.scenario.kind === 'webhook' || row.scenario.kind === 'trigger').map((row) => row.scenario.name),
			...kill.filter((row) => row.engine === engine).map((row) => row.target),
		];
		for (const name of [...new Set(names)]) {
			const row = same.find((other) => other.scenario.name === name);
			const peer = row?.scenario.peer ? same.find((other) => other.scenario.name === row.scenario.peer) : undefined;
			const base = row?.scenario.kind === 'trigger' ? webhook : undefined;
			const killed = kill.find((other) => other.engine === engine && other.target === name);
			const cost = digest.get(`${engine}|${name}`);
			lines.push(
				[
					'',
					engine,
					name,
					fixed(row?.execPerS),
					row ? ratio(row.execPerS, base?.execPerS) : '-',
					row ? ratio(row.execPerS, peer?.execPerS) : '-',
					fixed(row?.ackPerS),
					row ? ratio(row.ackPerS, base?.ackPerS) : '-',
					row ? ratio(row.ackPerS, peer?.ackPerS) : '-',
					killed ? `${killed.answered2xx} / ${killed.executions} / **${killed.lost}**` : '-',
					fixed(cost?.extra, 1),
					cost?.topEntry ?? '-',
					'',
				].join(' | ').trim(),
			);
		}
	}
	return lines.join('\n');
}
