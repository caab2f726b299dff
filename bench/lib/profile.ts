import { readFileSync } from 'fs';

/** A V8 CPU profile as `node --cpu-prof` writes it (timestamps in microseconds of the monotonic clock). */
interface CpuProfile {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** Microseconds on the clock V8's profiler uses (CLOCK_MONOTONIC, shared by every process on the machine). */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

export interface SelfTime {
	/** Self time per function ("name (module/file:line)"), in ms. */
	functions: Map<string, number>;
	/** Self time per module (package or Node.js internals), in ms. */
	modules: Map<string, number>;
	/** CPU time in the window without idle, in ms. */
	busyMs: number;
	windowMs: number;
}

const IDLE = '(idle)';

/** Where a script comes from: the package under node_modules, node's internals, or V8 itself. */
function moduleOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	if (url.startsWith('node:')) return 'node internals';
	const inModules = url.lastIndexOf('/node_modules/');
	if (inModules < 0) return url.replace(/^file:\/\//, '');
	const parts = url.slice(inModules + '/node_modules/'.length).split('/');
	return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function shortFile(url: string): string {
	const inModules = url.lastIndexOf('/node_modules/');
	const path = inModules < 0 ? url : url.slice(inModules + '/node_modules/'.length);
	return path.replace(/^file:\/\//, '').replace('/dist/', '/…/');
}

export function readProfile(file: string): CpuProfile {
	return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** Self time per function and per module of the samples taken between `fromUs` and `toUs`. */
export function selfTime(profile: CpuProfile, fromUs: number, toUs: number): SelfTime {
	const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	const functions = new Map<string, number>();
	const modules = new Map<string, number>();
	let busyMs = 0;
	let time = profile.startTime;
	for (let i = 0; i < profile.samples.length; i++) {
		time += profile.timeDeltas[i];
		if (time < fromUs) continue;
		if (time > toUs) break;
		// A sample stands for the time until the next one.
		const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		const frame = byId.get(profile.samples[i]);
		if (!frame || frame.functionName === IDLE) continue;
		const name = frame.functionName || '(anonymous)';
		const key = frame.url ? `${name} (${shortFile(frame.url)}:${frame.lineNumber + 1})` : name;
		functions.set(key, (functions.get(key) ?? 0) + ms);
		const module = moduleOf(frame.url, name);
		modules.set(module, (modules.get(module) ?? 0) + ms);
		busyMs += ms;
	}
	return { functions, modules, busyMs, windowMs: (toUs - fromUs) / 1000 };
}

/** The entries of `map` divided by `per`, largest first. */
export function perUnit(map: Map<string, number>, per: number): Array<[string, number]> {
	return [...map.entries()].map(([key, ms]): [string, number] => [key, ms / per]).sort((a, b) => b[1] - a[1]);
}

/** Per-unit self time of `ours` minus that of `base`, for every key, largest extra first. */
export function extraOver(ours: Map<string, number>, oursPer: number, base: Map<string, number>, basePer: number) {
	const keys = new Set([...ours.keys(), ...base.keys()]);
	return [...keys]
		.map((key): [string, number] => [key, (ours.get(key) ?? 0) / oursPer - (base.get(key) ?? 0) / basePer])
		.sort((a, b) => b[1] - a[1]);
}
