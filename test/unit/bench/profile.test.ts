import { extraOver, selfTime } from '../../../bench/lib/profile';

const N8N = 'file:///opt/n8n/node_modules/n8n/dist/webhooks/webhook-helpers.js';
const WORKFLOW = 'file:///opt/n8n/node_modules/n8n-workflow/dist/cjs/expression.js';
const RUNTIME = 'file:///opt/n8n/node_modules/@n8n/expression-runtime/dist/cjs/bridge/isolated-vm-bridge.js';

/** root → parseRequestBody (n8n) → renderExpression (n8n-workflow) → execute (runtime) → applySync (native) */
const profile = {
	nodes: [
		{ id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 6, 7] },
		{ id: 2, callFrame: { functionName: 'parseRequestBody', url: N8N, lineNumber: 877 }, children: [3] },
		{ id: 3, callFrame: { functionName: 'renderExpression', url: WORKFLOW, lineNumber: 644 }, children: [4] },
		{ id: 4, callFrame: { functionName: 'execute', url: RUNTIME, lineNumber: 372 }, children: [5] },
		{ id: 5, callFrame: { functionName: 'applySync', url: '', lineNumber: -1 } },
		{ id: 6, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
		{ id: 7, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
	],
	startTime: 1_000_000,
	// One sample every millisecond from 1_001_000 µs on; each stands for the millisecond up to the next one.
	samples: [4, 5, 5, 6, 3, 7, 2, 4, 4],
	timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('CPU profile cut per scenario', () => {
	it('counts self time only inside the window, without idle, per function, module and entry', () => {
		// Window 1_002_000..1_006_000 µs: the 2nd to 6th samples (nodes 5, 5, idle, 3, 7).
		const self = selfTime(profile, 1_002_000, 1_006_000);
		expect(self.busyMs).toBe(4);
		expect(self.windowMs).toBe(4);
		expect(self.functions.get('applySync')).toBe(2);
		expect(self.functions.get('renderExpression (n8n-workflow/…/cjs/expression.js:645)')).toBe(1);
		expect(self.functions.has('(idle)')).toBe(false);
		// A native function counts to the module that called it.
		expect(self.modules.get('@n8n/expression-runtime')).toBe(2);
		expect(self.modules.get('n8n-workflow')).toBe(1);
		expect(self.modules.get('(garbage collector)')).toBe(1);
		expect(self.entries.get('@n8n/expression-runtime ← renderExpression (n8n-workflow/…/cjs/expression.js:645) ← parseRequestBody (n8n/…/webhooks/webhook-helpers.js:878)')).toBe(2);
	});

	it('gives the time per unit one scenario pays above another, largest first', () => {
		const ours = new Map([
			['a', 30],
			['b', 10],
		]);
		const base = new Map([
			['a', 10],
			['c', 4],
		]);
		// Per unit: ours a 3, b 1; base a 5, c 2.
		expect(extraOver(ours, 10, base, 2)).toEqual([
			['b', 1],
			['a', -2],
			['c', -2],
		]);
	});
});
