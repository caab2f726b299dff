import { sleep } from 'n8n-workflow';

import { nodeOutput, type Execution } from '../harness/n8n-api';
import { startTestN8n } from '../harness/mode';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { waitFor } from '../harness/wait';
import { chain, webhookUrl } from '../harness/workflow';
import { postWhenRegistered } from './post';
import { startRetailCrmSimulator, type RetailCrmSimulator } from '../../simulators/retailcrm';

const ALL_EVENTS = [
	'bot_updated', 'channel_updated', 'chat_created', 'chat_unread_updated', 'chat_updated', 'chats_deleted',
	'customer_updated', 'dialog_assign', 'dialog_closed', 'dialog_opened', 'message_deleted', 'message_new',
	'message_restored', 'message_updated', 'settings_updated', 'user_joined_chat', 'user_left_chat', 'user_online_updated', 'user_updated',
];

let n8n: N8nInstance;
let sim: RetailCrmSimulator;
let botCred: { id: string; name: string };

beforeAll(async () => {
	sim = await startRetailCrmSimulator();
	n8n = await startTestN8n();
	botCred = await n8n.api.createCredential('retailCrmBotApi', { endpointUrl: sim.url, token: sim.botToken });
});
/** Workflows a test activated: deactivated after each test even when it fails, so no socket outlives it. */
const active: string[] = [];
async function activate(id: string): Promise<void> {
	active.push(id);
	await n8n.api.activate(id);
}
afterEach(async () => {
	for (const id of active.splice(0)) await n8n.api.deactivate(id).catch(() => undefined);
	await waitFor('no WebSocket client left', () => (sim.clients.length === 0 ? true : undefined), { timeoutMs: 20_000 });
});
afterAll(async () => {
	await n8n?.stop();
	await sim?.stop();
});

const trigger = (parameters: Record<string, unknown>, cred = botCred) => ({
	name: 'retailCRM Bot Trigger',
	type: nodeType('retailCrmBotTrigger'),
	parameters,
	credentials: { retailCrmBotApi: cred },
});

const connected = (count = 1) => waitFor(`${count} WebSocket client(s)`, () => (sim.clients.length === count ? true : undefined), { timeoutMs: 30_000 });

const triggerItems = (executions: Execution[]) => executions.map((execution) => nodeOutput(execution, 'retailCRM Bot Trigger')[0]);

describe('retailCRM Bot Trigger (WebSocket) in real n8n', () => {
	it('starts one execution per event of every selected type and closes the socket on deactivation', async () => {
		const wf = chain('retailcrm ws events', [trigger({ events: ALL_EVENTS })]);
		const id = await n8n.api.createWorkflow(wf);
		await activate(id);
		await connected();
		expect(sim.clients[0].headers['x-bot-token']).toBe(sim.botToken);
		expect(sim.clients[0].url).toBe(`/api/bot/v1/ws?events=${ALL_EVENTS.join(',')}`);

		const message = sim.customerMessage(12, 'Hi there');
		const others = ALL_EVENTS.filter((type) => type !== 'message_new');
		for (const type of others) {
			const data = type.startsWith('message_')
				? { message: { ...message, content: `${type} body`, chat: { id: 12 } } }
				: { chat: { id: 12, channel: { id: 3 } }, marker: type };
			expect(sim.sendEvent(type, data)).toBe(1);
		}
		sim.botMessage(12, 'my own echo');
		const executions = await n8n.api.waitForExecutions(id, ALL_EVENTS.length);
		expect(await n8n.api.settledExecutionCount(id)).toBe(ALL_EVENTS.length);
		const items = triggerItems(executions);
		expect(items.map((item) => item.event).sort()).toEqual([...ALL_EVENTS].sort());
		const first = items.find((item) => item.event === 'message_new')!;
		expect(first).toMatchObject({ platform: 'retailcrm', chatId: '12', messageId: String(message.id), text: 'Hi there', channelId: '3' });
		const raw = items.find((item) => item.event === 'settings_updated')!;
		expect(raw).toMatchObject({ chatId: '12', channelId: '3', raw: { type: 'settings_updated', data: { marker: 'settings_updated' } } });
		expect(items.some((item) => item.text === 'my own echo')).toBe(false);

		await n8n.api.deactivate(id);
		await waitFor('socket closed', () => (sim.clients.length === 0 ? true : undefined), { timeoutMs: 15_000 });
		sim.customerMessage(12, 'after deactivation');
		expect(await n8n.api.settledExecutionCount(id)).toBe(ALL_EVENTS.length);
	});

	it('loses nothing while the simulator kills the socket repeatedly', async () => {
		const wf = chain('retailcrm ws kill', [trigger({ events: ['message_new'], settings: { resolveFileUrls: false } })]);
		const id = await n8n.api.createWorkflow(wf);
		const before = sim.connectionCount();
		await activate(id);
		await connected();
		const sent: number[] = [];
		for (let round = 0; round < 4; round++) {
			sent.push(sim.customerMessage(20 + round, `live ${round}`).id);
			await n8n.api.waitForExecutions(id, sent.length);
			sim.dropConnections(round % 2 === 0 ? 'terminate' : 'close', round % 2 === 0 ? 1006 : 1001);
			await waitFor('disconnect', () => (sim.clients.length === 0 ? true : undefined));
			sent.push(sim.customerMessage(30 + round, `while away ${round}`).id);
			sent.push(sim.customerMessage(30 + round, `while away ${round} again`).id);
			await connected();
			sent.push(sim.customerMessage(40 + round, `right after reconnect ${round}`).id);
		}
		const executions = await n8n.api.waitForExecutions(id, sent.length, 90_000);
		expect(await n8n.api.settledExecutionCount(id, 3000)).toBe(sent.length);
		const ids = triggerItems(executions).map((item) => Number(item.messageId));
		expect([...ids].sort((a, b) => a - b)).toEqual(sent);
		expect(sim.connectionCount() - before).toBe(5);
		const backfills = sim.botRequests('GET', '/messages').filter((r) => r.query.since);
		expect(backfills.length).toBeGreaterThanOrEqual(4);
		await n8n.api.deactivate(id);
		await waitFor('socket closed', () => (sim.clients.length === 0 ? true : undefined), { timeoutMs: 15_000 });
	});

	it('keeps exactly one execution per message while messages stream and the socket is killed every 700 ms', async () => {
		const wf = chain('retailcrm ws storm', [trigger({ events: ['message_new'], settings: { resolveFileUrls: false } })]);
		const id = await n8n.api.createWorkflow(wf);
		await activate(id);
		await connected();
		const sent: number[] = [];
		const started = Date.now();
		let lastKill = started;
		let kills = 0;
		while (Date.now() - started < 5000) {
			sent.push(sim.customerMessage(50 + (sent.length % 3), `storm ${sent.length}`).id);
			if (Date.now() - lastKill >= 700) {
				sim.dropConnections(kills % 2 === 0 ? 'terminate' : 'close', 1001);
				kills++;
				lastKill = Date.now();
			}
			await sleep(100);
		}
		await connected();
		const executions = await n8n.api.waitForExecutions(id, sent.length, 120_000);
		expect(await n8n.api.settledExecutionCount(id, 3000)).toBe(sent.length);
		const ids = triggerItems(executions).map((item) => Number(item.messageId));
		expect([...ids].sort((a, b) => a - b)).toEqual(sent);
		expect(kills).toBeGreaterThanOrEqual(5);
	});

	it('answers a customer message with the action node using only the common message defaults', async () => {
		const wf = chain('retailcrm echo bridge', [
			trigger({ events: ['message_new'] }),
			{ name: 'Reply', type: nodeType('retailCrmBot'), parameters: { resource: 'message', operation: 'send' }, credentials: { retailCrmBotApi: botCred } },
		]);
		const id = await n8n.api.createWorkflow(wf);
		await activate(id);
		await connected();
		sim.clearRequests();
		sim.customerMessage(77, 'ping from a customer');
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
		expect(sim.botRequests('POST', '/messages').map((r) => r.body)).toEqual([
			{ type: 'text', scope: 'public', chat_id: 77, content: 'ping from a customer' },
		]);
		// The reply is echoed back over the socket as a bot message and must not start another execution.
		expect(await n8n.api.settledExecutionCount(id, 2000)).toBe(1);
		await n8n.api.deactivate(id);
		await waitFor('socket closed', () => (sim.clients.length === 0 ? true : undefined), { timeoutMs: 15_000 });
	});

	it('fails activation with a clear message when the bot token is wrong', async () => {
		const bad = await n8n.api.createCredential('retailCrmBotApi', { endpointUrl: sim.url, token: 'not-the-token' });
		const wf = chain('retailcrm ws bad token', [trigger({ events: ['message_new'] }, bad)]);
		const id = await n8n.api.createWorkflow(wf);
		const before = sim.connectionCount();
		// Publication may apply (and fail) the trigger after the API call returns: then the failure shows on
		// the simulator, which refused the credential check, and no socket is ever opened.
		active.push(id);
		const error = await n8n.api.activateExpectingError(id).catch(() => undefined);
		if (error !== undefined) expect(error).toMatch(/401|Invalid token/);
		await waitFor('the refused credential check', () =>
			sim.botRequests('GET', '/bots').some((r) => r.headers['x-bot-token'] === 'not-the-token' && r.status === 401) ? true : undefined,
		);
		await sleep(2000);
		expect(sim.connectionCount()).toBe(before);
		expect(sim.clients.length).toBe(0);
	});
});

describe('retailCRM Module Trigger (activity callback) in real n8n', () => {
	it('answers {"success": true}, emits the state, and rejects unknown clients with 400', async () => {
		const wf = chain('retailcrm activity', [
			{ name: 'Module', type: nodeType('retailCrmModuleTrigger'), webhook: true, parameters: { clientId: 'client-101' } },
		]);
		const id = await n8n.api.createWorkflow(wf);
		await activate(id);
		const url = webhookUrl(n8n.baseUrl, wf.nodes[0]);
		const form = (fields: Record<string, string>) =>
			postWhenRegistered(url, new URLSearchParams(fields).toString(), {
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			});

		const ok = await form({ clientId: 'client-101', activity: '{"active":false,"freeze":true}', systemUrl: 'https://shop.retailcrm.ru' });
		expect(ok.status).toBe(200);
		expect(ok.data).toEqual({ success: true });
		const [execution] = await n8n.api.waitForExecutions(id, 1);
		expect(nodeOutput(execution, 'Module')[0]).toMatchObject({
			platform: 'retailcrm',
			event: 'activity',
			retailcrm: { clientId: 'client-101', active: false, freeze: true, systemUrl: 'https://shop.retailcrm.ru' },
		});

		const unknown = await form({ clientId: 'someone-else', activity: '{"active":true,"freeze":false}' });
		expect(unknown.status).toBe(401);
		expect(unknown.data).toEqual({ error: { message: 'Unknown clientId' } });
		const broken = await form({ clientId: 'client-101', activity: 'not json' });
		expect(broken.status).toBe(400);
		const missing = await form({ activity: '{"active":true}' });
		expect(missing.status).toBe(401);
		expect(await n8n.api.settledExecutionCount(id)).toBe(1);
	});
});
