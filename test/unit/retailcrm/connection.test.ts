import { sleep } from 'n8n-workflow';
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

import { BotConnection, type ConnectionSettings } from '../../../nodes/RetailCrm/connection';
import { openSocket, webSocketUrl } from '../../../nodes/RetailCrm/websocket';
import { startRetailCrmSimulator, type RetailCrmSimulator } from '../../simulators/retailcrm';
import { fakeContext } from './fake-context';

const waitUntil = async (what: string, probe: () => boolean, timeoutMs = 15_000) => {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (probe()) return;
		await sleep(25);
	}
	throw new Error(`timed out waiting for ${what}`);
};

describe('BotConnection against the MessageGateway simulator', () => {
	let sim: RetailCrmSimulator;
	beforeEach(async () => {
		sim = await startRetailCrmSimulator();
	});
	afterEach(async () => {
		await sim.stop();
	});

	const settings = (events: string[], extra: Partial<ConnectionSettings> = {}): ConnectionSettings => ({
		url: webSocketUrl(sim.url, events, false),
		token: sim.botToken,
		events,
		includeMassCommunication: false,
		ignoreOwnMessages: true,
		resolveFileUrls: true,
		backfill: true,
		maxReconnectAttempts: 10,
		catchUpIntervalMs: 0,
		handshakeTimeoutMs: 10_000,
		reportGaps: true,
		resume: true,
		selfBotId: String(sim.botId),
		openSocket,
		...extra,
	});

	it('sends the bot token in the handshake header and emits customer messages in the common shape', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['message_new']));
		await connection.start();
		expect(sim.clients).toHaveLength(1);
		expect(sim.clients[0].headers['x-bot-token']).toBe(sim.botToken);
		expect(sim.clients[0].events).toEqual(['message_new']);
		const message = sim.customerMessage(12, 'Hello', { items: [{ id: 'e038aa39-2338-4285-be86-e2a0bb424daa', kind: 'image', caption: 'photo' }] });
		sim.botMessage(12, 'echo of my own answer');
		await waitUntil('one emit', () => fake.emitted.length >= 1);
		await sleep(200);
		expect(fake.emitted).toHaveLength(1);
		expect(fake.emitted[0]).toMatchObject({
			platform: 'retailcrm',
			event: 'message_new',
			chatId: '12',
			channelId: '3',
			userId: '912',
			messageId: String(message.id),
			text: 'Hello',
			attachments: [{ type: 'image', url: `${sim.url}/download/e038aa39-2338-4285-be86-e2a0bb424daa`, name: 'photo' }],
		});
		expect((fake.emitted[0].raw as IDataObject).type).toBe('message_new');
		await connection.close();
		await waitUntil('socket closed', () => sim.clients.length === 0);
	});

	it('reconnects after every kind of close and backfills so each message is emitted exactly once', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['message_new'], { overlapMs: 500 }));
		await connection.start();
		const sent: number[] = [];
		for (let round = 0; round < 3; round++) {
			sent.push(sim.customerMessage(1, `live ${round}`).id);
			await waitUntil('live message', () => fake.emitted.length === sent.length);
			sim.dropConnections(round % 2 === 0 ? 'terminate' : 'close', round % 2 === 0 ? 1006 : 1000);
			await waitUntil('disconnect', () => sim.clients.length === 0);
			// Written while the bot is away: only the backfill can deliver these.
			sent.push(sim.customerMessage(2, `missed ${round} a`).id, sim.customerMessage(2, `missed ${round} b`).id);
			await waitUntil('reconnect', () => sim.clients.length === 1, 20_000);
			await waitUntil('backfill', () => fake.emitted.length === sent.length, 20_000);
		}
		await sleep(300);
		expect(fake.emitted.map((item) => Number(item.messageId))).toEqual(sent);
		const backfills = sim.botRequests('GET', '/messages');
		// One read on start and one per reconnection, each from the overlap before the newest handled message.
		expect(backfills).toHaveLength(4);
		const floor = Number(fake.staticData.floor);
		const windowAfter = (id: number) => Math.max(floor, Date.parse(sim.messages.find((m) => m.id === id)!.created_at) - 500);
		expect(backfills.map((r) => Date.parse(r.query.since[0]))).toEqual([floor, windowAfter(sent[0]), windowAfter(sent[3]), windowAfter(sent[6])]);
		expect(fake.staticData.handled).toEqual(sent);
		expect(fake.errors).toHaveLength(0);
		await connection.close();
	}, 90_000);

	it('finds an id that was still in flight when a newer one arrived before the socket dropped, and emits it once', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		// No catch-up at start: only the one after the reconnect can find the in-flight message.
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['message_new'], { resume: false }));
		await connection.start();
		const inFlight = sim.storeSilently(5, 'older id, frame not there yet');
		const newer = sim.customerMessage(5, 'newer id, delivered');
		await waitUntil('newer', () => fake.emitted.length === 1);
		sim.dropConnections('terminate');
		await waitUntil('reconnect', () => sim.clients.length === 1, 20_000);
		await waitUntil('catch-up', () => fake.emitted.length === 2, 20_000);
		// The late frame of the in-flight message, and the newer one once more: both already handled.
		sim.deliver(inFlight);
		sim.deliver(newer);
		const after = sim.customerMessage(5, 'after');
		await waitUntil('after', () => fake.emitted.length >= 3);
		await sleep(300);
		expect(fake.emitted.map((item) => Number(item.messageId))).toEqual([newer.id, inFlight.id, after.id]);
		await connection.close();
	}, 30_000);

	it('after a restart on the same static data emits what came meanwhile once, and reports the gap', async () => {
		const staticData: IDataObject = {};
		const first = fakeContext({ endpointUrl: sim.url, token: sim.botToken }, staticData);
		const events = ['message_new', 'dialog_opened'];
		const before = new BotConnection(first.ctx as unknown as ITriggerFunctions, settings(events));
		await before.start();
		const seen = [sim.customerMessage(6, 'one').id, sim.customerMessage(6, 'two').id];
		await waitUntil('both', () => first.emitted.length === 2);
		await before.close();
		await waitUntil('closed', () => sim.clients.length === 0);
		const stopped = Date.now();
		const meanwhile = [sim.customerMessage(6, 'three').id, sim.customerMessage(6, 'four').id];

		const second = fakeContext({ endpointUrl: sim.url, token: sim.botToken }, JSON.parse(JSON.stringify(staticData)));
		const after = new BotConnection(second.ctx as unknown as ITriggerFunctions, settings(events));
		await after.start();
		await waitUntil('catch-up', () => second.emitted.length === 3);
		await sleep(300);
		expect(first.emitted.map((item) => Number(item.messageId))).toEqual(seen);
		const [gap, ...messages] = second.emitted;
		expect(messages.map((item) => Number(item.messageId))).toEqual(meanwhile);
		expect(gap).toMatchObject({ platform: 'retailcrm', event: 'gap', retailcrm: { reason: 'restart', events: ['dialog_opened'] } });
		const gapWindow = gap.retailcrm as IDataObject;
		expect(Date.parse(String(gapWindow.from))).toBeLessThanOrEqual(stopped);
		expect(Date.parse(String(gapWindow.to))).toBeGreaterThanOrEqual(stopped);
		await after.close();
	}, 30_000);

	it('reports a reconnect gap only for the selected events a catch-up cannot cover', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['message_new', 'chat_updated']));
		await connection.start();
		const dropped = Date.now();
		sim.dropConnections('close', 1001);
		await waitUntil('gap', () => fake.emitted.length === 1, 20_000);
		expect(fake.emitted[0]).toMatchObject({ event: 'gap', retailcrm: { reason: 'reconnect', events: ['chat_updated'] } });
		const gapWindow = fake.emitted[0].retailcrm as IDataObject;
		expect(Date.parse(String(gapWindow.from))).toBeGreaterThanOrEqual(dropped - 1000);
		expect(Date.parse(String(gapWindow.to))).toBeGreaterThanOrEqual(Date.parse(String(gapWindow.from)));
		await connection.close();

		const quiet = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		const messagesOnly = new BotConnection(quiet.ctx as unknown as ITriggerFunctions, settings(['message_new']));
		await messagesOnly.start();
		const connections = sim.connectionCount();
		sim.dropConnections('close', 1001);
		await waitUntil('reconnect', () => sim.clients.length === 1 && sim.connectionCount() === connections + 1, 20_000);
		const message = sim.customerMessage(8, 'still here');
		await waitUntil('message', () => quiet.emitted.length === 1);
		expect(quiet.emitted.map((item) => item.messageId)).toEqual([String(message.id)]);
		await messagesOnly.close();
	}, 40_000);

	it('abandons a handshake that is never answered and tries again', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		sim.setHandshakeMode('stall');
		const refused = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['message_new'], { handshakeTimeoutMs: 500 }));
		await expect(refused.start()).rejects.toThrow(/no answer to the handshake in time/);
		await refused.close();

		sim.setHandshakeMode('accept');
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['message_new'], { handshakeTimeoutMs: 500 }));
		await connection.start();
		sim.setHandshakeMode('stall');
		const stalledBefore = sim.handshakeCount();
		sim.dropConnections('terminate');
		await waitUntil('two stalled attempts', () => sim.handshakeCount() >= stalledBefore + 2, 20_000);
		sim.setHandshakeMode('accept');
		await waitUntil('reconnect', () => sim.clients.length === 1, 30_000);
		const message = sim.customerMessage(9, 'through');
		await waitUntil('message', () => fake.emitted.length === 1);
		expect(fake.emitted[0].messageId).toBe(String(message.id));
		expect(fake.errors).toHaveLength(0);
		await connection.close();
	}, 60_000);

	it('catches up periodically when frames stop arriving on a socket that stays open', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['message_new'], { catchUpIntervalMs: 400 }));
		await connection.start();
		const live = sim.customerMessage(3, 'live');
		await waitUntil('live', () => fake.emitted.length === 1);
		const lost = sim.storeSilently(3, 'frame lost');
		await waitUntil('periodic catch-up', () => fake.emitted.length === 2, 5000);
		await sleep(1000);
		expect(fake.emitted.map((item) => Number(item.messageId))).toEqual([live.id, lost.id]);
		expect(sim.connectionCount()).toBe(1);
		await connection.close();
	});

	it('fails to start with a clear message when the handshake is refused', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: 'wrong' });
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, { ...settings(['message_new']), token: 'wrong' });
		await expect(connection.start()).rejects.toThrow(/refused the WebSocket connection/);
		expect(sim.refusedHandshakes()).toBeGreaterThanOrEqual(1);
		expect(sim.connectionCount()).toBe(0);
	});

	it('emits non-message events raw and skips event types that were not selected', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['dialog_opened']));
		await connection.start();
		sim.sendEvent('dialog_opened', { dialog: { id: 7, chat_id: 4, responsible: { id: 1, type: 'user' } } });
		await waitUntil('event', () => fake.emitted.length === 1);
		expect(fake.emitted[0]).toMatchObject({ platform: 'retailcrm', event: 'dialog_opened', chatId: '4' });
		expect((fake.emitted[0].raw as IDataObject).data).toEqual({ dialog: { id: 7, chat_id: 4, responsible: { id: 1, type: 'user' } } });
		await connection.close();
	});

	it('calls emitError when it cannot reconnect', async () => {
		const fake = fakeContext({ endpointUrl: sim.url, token: sim.botToken });
		const connection = new BotConnection(fake.ctx as unknown as ITriggerFunctions, settings(['message_new'], { maxReconnectAttempts: 1 }));
		await connection.start();
		await sim.stop();
		await waitUntil('emitError', () => fake.errors.length === 1, 10_000);
		expect(fake.errors[0].message).toMatch(/could not reconnect after 1 attempts/);
		await connection.close();
		sim = await startRetailCrmSimulator();
	}, 20_000);
});
