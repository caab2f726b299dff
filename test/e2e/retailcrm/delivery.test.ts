import { sleep } from 'n8n-workflow';

import { nodeOutput, type Execution } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { waitFor } from '../harness/wait';
import { chain } from '../harness/workflow';
import { startRetailCrmSimulator, type RetailCrmSimulator } from '../../simulators/retailcrm';

/**
 * The retailCRM Bot Trigger's delivery promise in a real n8n: no message lost or repeated around reconnects
 * (also ids still in flight out of order), a backoff that grows against a server that accepts and closes at
 * once, gap items for events no catch-up covers, and messages written while n8n was stopped emitted once after
 * it starts again on the same database.
 */

let n8n: N8nInstance;
let sim: RetailCrmSimulator;
let botCred: { id: string; name: string };

beforeAll(async () => {
	sim = await startRetailCrmSimulator();
	n8n = await startTestN8n();
	botCred = await n8n.api.createCredential('retailCrmBotApi', { endpointUrl: sim.url, token: sim.botToken });
});
const active: string[] = [];
async function activate(id: string): Promise<void> {
	active.push(id);
	await n8n.api.activate(id);
}
afterEach(async () => {
	sim.setHandshakeMode('accept');
	for (const id of active.splice(0)) await n8n.api.deactivate(id).catch(() => undefined);
	await waitFor('no WebSocket client left', () => (sim.clients.length === 0 ? true : undefined), { timeoutMs: 20_000 });
});
afterAll(async () => {
	await n8n?.stop();
	await sim?.stop();
});

const workflow = async (name: string, events: string[]) =>
	await n8n.api.createWorkflow(
		chain(name, [
			{
				name: 'retailCRM Bot Trigger',
				type: nodeType('retailCrmBotTrigger'),
				parameters: { events, settings: { resolveFileUrls: false, catchUpIntervalMinutes: 0 } },
				credentials: { retailCrmBotApi: botCred },
			},
		]),
	);

const connected = () => waitFor('a WebSocket client', () => (sim.clients.length === 1 ? true : undefined), { timeoutMs: 30_000, intervalMs: 50 });
const items = (executions: Execution[]) => executions.map((execution) => nodeOutput(execution, 'retailCRM Bot Trigger')[0]);
const messageIds = (executions: Execution[]) =>
	items(executions)
		.filter((item) => item.event === 'message_new')
		.map((item) => Number(item.messageId))
		.sort((a, b) => a - b);

it('emits ids that were still in flight out of order around a reconnect, each exactly once', async () => {
	const id = await workflow('retailcrm in-flight ids', ['message_new']);
	await activate(id);
	await connected();
	const expected: number[] = [];
	for (let round = 0; round < 3; round++) {
		// Two older ids are stored but their frames are still in flight when a newer one is delivered.
		const inFlight = [sim.storeSilently(70 + round, `in flight ${round} a`), sim.storeSilently(70 + round, `in flight ${round} b`)];
		const newer = sim.customerMessage(70 + round, `delivered ${round}`);
		expected.push(...inFlight.map((message) => message.id), newer.id);
		await waitFor('the newer message', async () => ((await n8n.api.executions(id, false)).length >= expected.length - 2 ? true : undefined));
		sim.dropConnections(round % 2 === 0 ? 'terminate' : 'close', 1001);
		await waitFor('disconnect', () => (sim.clients.length === 0 ? true : undefined));
		await connected();
		await n8n.api.waitForExecutions(id, expected.length, 60_000);
		// The late frames arrive after the catch-up already emitted them.
		for (const message of inFlight) sim.deliver(message);
		sim.deliver(newer);
	}
	expect(await n8n.api.settledExecutionCount(id, 2500)).toBe(expected.length);
	expect(messageIds(await n8n.api.executions(id))).toEqual([...expected].sort((a, b) => a - b));
});

it('reports one gap item per reconnection for the selected events no catch-up covers', async () => {
	const id = await workflow('retailcrm gap', ['message_new', 'dialog_opened', 'chat_updated']);
	await activate(id);
	await connected();
	const dropped = Date.now();
	sim.dropConnections('close', 1001);
	await waitFor('disconnect', () => (sim.clients.length === 0 ? true : undefined));
	const missed = sim.customerMessage(81, 'written while away');
	await connected();
	const executions = await n8n.api.waitForExecutions(id, 2);
	expect(await n8n.api.settledExecutionCount(id, 2000)).toBe(2);
	const [gap] = items(executions).filter((item) => item.event === 'gap');
	expect(gap).toMatchObject({ platform: 'retailcrm', event: 'gap', retailcrm: { reason: 'reconnect', events: ['dialog_opened', 'chat_updated'] } });
	const gapWindow = gap.retailcrm as Record<string, unknown>;
	const from = Date.parse(String(gapWindow.from));
	const to = Date.parse(String(gapWindow.to));
	expect(from).toBeGreaterThanOrEqual(dropped - 1000);
	expect(to).toBeGreaterThanOrEqual(from);
	expect(gap.timestamp).toBe(gapWindow.to);
	expect(messageIds(executions)).toEqual([missed.id]);
});

it('backs off against a server that accepts the socket and closes it at once, and recovers', async () => {
	const id = await workflow('retailcrm accept and close', ['message_new']);
	sim.setHandshakeMode('acceptAndClose');
	const before = sim.connectionCount();
	await activate(id);
	await waitFor('the first connection', () => (sim.connectionCount() > before ? true : undefined), { timeoutMs: 30_000, intervalMs: 50 });
	const first = sim.connectionCount();
	await sleep(10_000);
	const inTenSeconds = sim.connectionCount() - first;
	// Resetting the backoff after every open reconnects about every second (10 or more here); the growing
	// backoff (0.5-1 s, 1-2 s, 2-4 s, 4-8 s, ...) allows at most 5.
	expect(inTenSeconds).toBeGreaterThanOrEqual(1);
	expect(inTenSeconds).toBeLessThanOrEqual(6);
	sim.setHandshakeMode('accept');
	await waitFor('a connection that stays', () => (sim.clients.length === 1 ? true : undefined), { timeoutMs: 60_000, intervalMs: 100 });
	const message = sim.customerMessage(82, 'after the flapping');
	const executions = await n8n.api.waitForExecutions(id, 1);
	expect(messageIds(executions)).toEqual([message.id]);
});

it('emits the messages written while n8n was stopped exactly once after it starts again on the same database', async () => {
	const id = await workflow('retailcrm restart', ['message_new', 'dialog_opened']);
	await activate(id);
	await connected();
	const before = [sim.customerMessage(90, 'before 1').id, sim.customerMessage(90, 'before 2').id, sim.customerMessage(91, 'before 3').id];
	await n8n.api.waitForExecutions(id, before.length);

	await n8n.kill('SIGTERM');
	await waitFor('the socket closed by the shutdown', () => (sim.clients.length === 0 ? true : undefined));
	const stoppedAt = Date.now();
	const whileDown = [sim.customerMessage(90, 'while down 1').id, sim.customerMessage(92, 'while down 2').id, sim.customerMessage(90, 'while down 3').id];
	await n8n.restart();
	await connected();
	const after = sim.customerMessage(93, 'after restart').id;

	const all = [...before, ...whileDown, after];
	const executions = await n8n.api.waitForExecutions(id, all.length + 1, 120_000);
	expect(await n8n.api.settledExecutionCount(id, 3000)).toBe(all.length + 1);
	expect(messageIds(executions)).toEqual([...all].sort((a, b) => a - b));
	const gaps = items(executions).filter((item) => item.event === 'gap');
	expect(gaps).toHaveLength(1);
	expect(gaps[0]).toMatchObject({ retailcrm: { reason: 'restart', events: ['dialog_opened'] } });
	const gapWindow = gaps[0].retailcrm as Record<string, unknown>;
	expect(Date.parse(String(gapWindow.from))).toBeLessThanOrEqual(stoppedAt);
	expect(Date.parse(String(gapWindow.to))).toBeGreaterThanOrEqual(stoppedAt);
}, 300_000);
