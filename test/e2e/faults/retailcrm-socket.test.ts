import { sleep } from 'n8n-workflow';

import { nodeOutput } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { waitFor } from '../harness/wait';
import { chain } from '../harness/workflow';
import { startRetailCrmSimulator, type RetailCrmSimulator } from '../../simulators/retailcrm';

/**
 * The retailCRM Bot Trigger's WebSocket killed 20 times while customer messages stream in: every message starts
 * exactly one execution (none lost while the socket is down, none twice after the reconnect's catch-up read).
 */

let n8n: N8nInstance;
let sim: RetailCrmSimulator;

beforeAll(async () => {
	sim = await startRetailCrmSimulator();
	n8n = await startTestN8n();
});
afterAll(async () => {
	await n8n?.stop();
	await sim?.stop();
});

it('starts exactly one execution per message while the socket is killed 20 times', async () => {
	const cred = await n8n.api.createCredential('retailCrmBotApi', { endpointUrl: sim.url, token: sim.botToken });
	const wf = chain('retailcrm socket killed 20 times', [
		{
			name: 'retailCRM Bot Trigger',
			type: nodeType('retailCrmBotTrigger'),
			parameters: { events: ['message_new'], settings: { resolveFileUrls: false } },
			credentials: { retailCrmBotApi: cred },
		},
	]);
	const id = await n8n.api.createWorkflow(wf);
	await n8n.api.activate(id);
	const connected = () => waitFor('a WebSocket client', () => (sim.clients.length === 1 ? true : undefined), { timeoutMs: 30_000, intervalMs: 50 });
	await connected();
	const connectionsBefore = sim.connectionCount();

	const sent: number[] = [];
	let streaming = true;
	const stream = (async () => {
		while (streaming) {
			sent.push(sim.customerMessage(60 + (sent.length % 4), `stream ${sent.length}`).id);
			await sleep(120);
		}
	})();

	// Kill only a live socket, at varying moments after it came up, with every kind of close.
	const ways: Array<['close' | 'terminate', number]> = [
		['terminate', 1006],
		['close', 1001],
		['close', 1011],
		['close', 1000],
		['close', 4000],
	];
	let kills = 0;
	try {
		// Each kill waits for the reconnection the previous one caused, so every kill hits a fresh, live socket.
		const reconnected = (count: number) =>
			waitFor(`reconnection ${count}`, () => (sim.connectionCount() - connectionsBefore >= count && sim.clients.length === 1 ? true : undefined), {
				timeoutMs: 30_000,
				intervalMs: 50,
			});
		while (kills < 20) {
			await reconnected(kills);
			await sleep(150 + ((kills * 137) % 400));
			const [mode, code] = ways[kills % ways.length];
			sim.dropConnections(mode, code);
			kills++;
		}
		await reconnected(kills);
		await sleep(500);
	} finally {
		streaming = false;
		await stream;
	}

	expect(kills).toBe(20);
	expect(sim.connectionCount() - connectionsBefore).toBe(20);
	// Poll cheaply (no data), then read the executions once.
	await waitFor(
		`${sent.length} finished executions`,
		async () => {
			const list = await n8n.api.executions(id, false);
			return list.length >= sent.length && list.every((execution) => execution.status === 'success') ? true : undefined;
		},
		{ timeoutMs: 300_000, intervalMs: 1000 },
	).catch(async (error: Error) => {
		// Say what is wrong: executions not finished or failed, or messages missing or repeated. (n8n's API also
		// leaves out an execution that the main process still counts as running, even when it finished.)
		const list = await n8n.api.executions(id, true);
		const statuses: Record<string, number> = {};
		for (const execution of list) statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
		const emitted = list.flatMap((execution) => {
			try {
				return [Number(nodeOutput(execution, 'retailCRM Bot Trigger')[0].messageId)];
			} catch {
				return [];
			}
		});
		const missing = sent.filter((message) => !emitted.includes(message));
		const repeated = emitted.filter((message, index) => emitted.indexOf(message) !== index);
		throw new Error(`${error.message}; executions by status ${JSON.stringify(statuses)}, missing ${JSON.stringify(missing)}, repeated ${JSON.stringify(repeated)}`);
	});
	const executions = await n8n.api.executions(id, true);
	expect(await n8n.api.settledExecutionCount(id, 3000)).toBe(sent.length);
	const ids = executions.map((execution) => Number(nodeOutput(execution, 'retailCRM Bot Trigger')[0].messageId));
	expect([...ids].sort((a, b) => a - b)).toEqual([...sent].sort((a, b) => a - b));
	expect(new Set(ids).size).toBe(ids.length);

	await n8n.api.deactivate(id);
	await waitFor('socket closed', () => (sim.clients.length === 0 ? true : undefined), { timeoutMs: 15_000 });
}, 480_000);
