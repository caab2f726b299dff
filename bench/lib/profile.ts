import { readFileSync } from 'fs';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

/** A V8 CPU profile as `node --cpu-prof` writes it (timestamps in microseconds of the monotonic clock). */
interface CpuProfile {
	nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>;
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
	/** Self time per module and the frames that called into it ("module ← caller ← its caller ..."), in ms. */
	entries: Map<string, number>;
	/** CPU time in the window without idle, in ms. */
	busyMs: number;
	windowMs: number;
}

const IDLE = '(idle)';
const NATIVE = '(native)';
/** Modules shown above the entry into a module. */
const CALLERS = 3;

/** Where a script comes from: the package under node_modules, node's internals, or V8 itself. */
function moduleOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : NATIVE;
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

const frameKey = (frame: CallFrame) => {
	const name = frame.functionName || '(anonymous)';
	return frame.url ? `${name} (${shortFile(frame.url)}:${frame.lineNumber + 1})` : name;
};

/**
 * For every profile node: its module (a native function counts to the module that called it) and the entry
 * into that module, "module ← first frame of the calling module ← first frame of its caller's module ...".
 */
function attribute(profile: CpuProfile) {
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	const modules = new Map<number, string>();
	const moduleOfNode = (id: number): string => {
		const known = modules.get(id);
		if (known !== undefined) return known;
		const frame = byId.get(id);
		let module = frame ? moduleOf(frame.url, frame.functionName || '(anonymous)') : '(root)';
		const up = parent.get(id);
		if (module === NATIVE && up !== undefined) module = moduleOfNode(up);
		modules.set(id, module);
		return module;
	};
	const entryOf = (id: number): string => {
		const module = moduleOfNode(id);
		let up = parent.get(id);
		while (up !== undefined && moduleOfNode(up) === module) up = parent.get(up);
		// The first frame of each module on the way up: where the call came from, not every helper in between.
		const callers: string[] = [];
		let last = module;
		for (; up !== undefined && callers.length < CALLERS; up = parent.get(up)) {
			const frame = byId.get(up);
			if (!frame || frame.functionName === '(root)' || moduleOfNode(up) === last) continue;
			last = moduleOfNode(up);
			callers.push(frameKey(frame));
		}
		return [module, ...callers].join(' ← ');
	};
	return { byId, moduleOfNode, entryOf };
}

/** Self time per function, per module and per entry into a module, of the samples between `fromUs` and `toUs`. */
export function selfTime(profile: CpuProfile, fromUs: number, toUs: number): SelfTime {
	const { byId, moduleOfNode, entryOf } = attribute(profile);
	const entryCache = new Map<number, string>();
	const functions = new Map<string, number>();
	const modules = new Map<string, number>();
	const entries = new Map<string, number>();
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
		const id = profile.samples[i];
		const key = frameKey(frame);
		functions.set(key, (functions.get(key) ?? 0) + ms);
		const module = moduleOfNode(id);
		modules.set(module, (modules.get(module) ?? 0) + ms);
		const entry = entryCache.get(id) ?? entryOf(id);
		entryCache.set(id, entry);
		entries.set(entry, (entries.get(entry) ?? 0) + ms);
		busyMs += ms;
	}
	return { functions, modules, entries, busyMs, windowMs: (toUs - fromUs) / 1000 };
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
