import type { IDataObject } from 'n8n-workflow';

import {
	createdMs,
	DeliveryState,
	gapItem,
	ReconnectPolicy,
	unrecoverableEvents,
	type StoredState,
} from '../../../nodes/RetailCrm/delivery';
import type { BotMessage } from '../../../nodes/RetailCrm/schemas';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const message = (id: number, offsetMs: number): BotMessage => ({ id, created_at: at(offsetMs) });
const options = { overlapMs: 60_000, storedIds: 4, memoryIds: 10 };

describe('DeliveryState (the cursor in static data)', () => {
	it('starts watching now: the first window begins at the floor, not an overlap before it', () => {
		const store: StoredState = {};
		const state = new DeliveryState(store, options, T0);
		expect(store.floor).toBe(T0);
		expect(state.windowStart()).toBe(at(0));
		expect(state.previousAliveAt).toBeUndefined();
		// A message from before the trigger watched is not caught up.
		expect(state.isDue(message(1, -1000), state.windowStart())).toBe(false);
		expect(state.isDue(message(2, 1000), state.windowStart())).toBe(true);
	});

	it('re-reads an overlap before the newest handled message, so an id still in flight is found', () => {
		const store: StoredState = {};
		const state = new DeliveryState(store, options, T0);
		state.recordHandled(message(11, 600_000));
		expect(store.newest).toBe(T0 + 600_000);
		const window = state.windowStart();
		expect(window).toBe(at(540_000));
		// id 10 was created before 11 but never delivered: due. 11 itself is not.
		expect(state.isDue(message(10, 599_000), window)).toBe(true);
		expect(state.isDue(message(11, 600_000), window)).toBe(false);
		// An old message returned because it was edited is outside the window.
		expect(state.isDue(message(3, 10_000), window)).toBe(false);
		// The cursor never moves back.
		state.recordHandled(message(10, 599_000));
		expect(store.newest).toBe(T0 + 600_000);
	});

	it('keeps the handled ids in static data, bounded, and a restart reads them back', () => {
		const store: StoredState = {};
		const state = new DeliveryState(store, options, T0);
		for (let id = 1; id <= 3; id++) state.recordHandled(message(id, id * 1000));
		expect(state.storedIds()).toEqual(['1', '2', '3']);
		for (let id = 4; id <= 6; id++) state.recordHandled(message(id, id * 1000));
		expect(store.handled).toHaveLength(4);
		expect(state.storedIds()).toEqual(['3', '4', '5', '6']);
		state.touch(T0 + 7000);
		const copy = JSON.parse(JSON.stringify(store)) as StoredState;
		const restarted = new DeliveryState(copy, options, T0 + 3_600_000);
		expect(restarted.previousAliveAt).toBe(at(7000));
		expect(copy.floor).toBe(T0);
		expect(restarted.storedIds()).toEqual(['3', '4', '5', '6']);
		const window = restarted.windowStart();
		expect([3, 4, 5, 6].map((id) => restarted.isDue(message(id, id * 1000), window))).toEqual([false, false, false, false]);
		expect(restarted.isDue(message(7, 3_000_000), window)).toBe(true);
	});

	it('an older copy written back by an execution means catching up again (duplicates), never skipping', () => {
		const store: StoredState = {};
		const state = new DeliveryState(store, options, T0);
		state.recordHandled(message(1, 1000));
		const older = JSON.parse(JSON.stringify(store)) as StoredState;
		state.recordHandled(message(2, 2000));
		state.recordHandled(message(3, 3000));
		const restarted = new DeliveryState(older, options, T0 + 10_000);
		const window = restarted.windowStart();
		expect([1, 2, 3, 4].map((id) => restarted.isDue(message(id, id * 1000), window))).toEqual([false, true, true, true]);
	});

	it('reads the creation time from created_at, else time; a message without one is due unless handled', () => {
		expect(createdMs({ id: 1, time: '2026-03-01T13:00:00+03:00' })).toBe(T0);
		expect(createdMs({ id: 1 })).toBeUndefined();
		const state = new DeliveryState({}, options, T0);
		expect(state.isDue({ id: 5 }, state.windowStart())).toBe(true);
		state.recordHandled({ id: 5 });
		expect(state.isDue({ id: 5 }, state.windowStart())).toBe(false);
		expect(state.isDue({ id: '5' }, state.windowStart())).toBe(false);
	});

	it('takes the start time of earlier versions as the floor', () => {
		const store: StoredState = { watchingSince: at(-5000) };
		const state = new DeliveryState(store, options, T0);
		expect(state.windowStart()).toBe(at(-5000));
	});
});

describe('ReconnectPolicy', () => {
	const delay = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1));

	it('keeps counting while connections close before they were stable, up to the cap and then gives up', () => {
		const policy = new ReconnectPolicy(8, 30_000, delay);
		const delays: number[] = [];
		let now = 0;
		for (;;) {
			const next = policy.next();
			if (!next) break;
			delays.push(next.delayMs);
			now += next.delayMs;
			policy.opened(now);
			now += 50;
			policy.closed(now);
		}
		expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
	});

	it('starts again at attempt 1 after a connection stayed up long enough', () => {
		const policy = new ReconnectPolicy(10, 30_000, delay);
		policy.next();
		policy.next();
		policy.next();
		expect(policy.attempt).toBe(3);
		policy.opened(0);
		policy.closed(29_999);
		expect(policy.next()).toEqual({ attempt: 4, delayMs: 8000 });
		policy.opened(100_000);
		policy.closed(130_000);
		expect(policy.next()).toEqual({ attempt: 1, delayMs: 1000 });
	});

	it('starts again at attempt 1 once a connection delivered an event, however short it was', () => {
		const policy = new ReconnectPolicy(10, 30_000, delay);
		policy.next();
		policy.next();
		policy.opened(0);
		policy.delivered();
		policy.closed(10);
		expect(policy.next()).toEqual({ attempt: 1, delayMs: 1000 });
	});
});

describe('gap reports', () => {
	it('names only the events no catch-up covers', () => {
		expect(unrecoverableEvents(['message_new', 'dialog_opened'], true)).toEqual(['dialog_opened']);
		expect(unrecoverableEvents(['message_new'], true)).toEqual([]);
		expect(unrecoverableEvents(['message_new', 'message_updated'], false)).toEqual(['message_new', 'message_updated']);
	});

	it('is one item of the common shape with the window, the reason and the events', () => {
		const item = gapItem(at(0), at(5000), 'reconnect', ['dialog_opened']);
		expect(item).toEqual({
			platform: 'retailcrm',
			event: 'gap',
			author: 'system',
			timestamp: at(5000),
			retailcrm: { from: at(0), to: at(5000), reason: 'reconnect', events: ['dialog_opened'] },
			raw: { type: 'gap', from: at(0), to: at(5000), reason: 'reconnect', events: ['dialog_opened'] } as IDataObject,
		});
	});
});
