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
		const floor = Date.parse(String(fake.staticData.floor));
		const windowAfter = (id: number) => Math.max(floor, Date.parse(sim.messages.find((m) => m.id === id)!.created_at) - 500);
		expect(backfills.map((r) => Date.parse(r.query.since[0]))).toEqual([floor, windowAfter(sent[0]), windowAfter(sent[3]), windowAfter(sent[6])]);
		expect(fake.staticData.handled).toEqual(sent);
		expect(fake.errors).toHaveLength(0);
		await connection.close();
	}, 90_000);

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
