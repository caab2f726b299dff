import { outboxOf, pendingEntries, pruneOutbox, recordSent, type Outbox } from '../../../nodes/Brix/outbox';

const data = (id: string) => ({ externalMessageId: id, externalChatId: 'c', externalUserId: 'u', text: id, files: [] });

describe('outbox', () => {
	it('creates the store in static data once', () => {
		const staticData: Record<string, unknown> = {};
		const outbox = outboxOf(staticData as never);
		expect(outbox).toEqual({});
		expect(staticData.brixOutbox).toBe(outbox);
		staticData.brixOutbox = 'garbage';
		expect(outboxOf(staticData as never)).toEqual({});
	});

	it('counts attempts of the same message id', () => {
		const outbox: Outbox = {};
		recordSent(outbox, 'm1', 'https://b/w/1', data('m1'), 1000);
		recordSent(outbox, 'm1', 'https://b/w/1', data('m1'), 2000);
		expect(outbox.m1).toEqual({ url: 'https://b/w/1', data: data('m1'), sentAt: 2000, attempts: 2 });
	});

	it('drops expired entries and the oldest beyond the limit', () => {
		const outbox: Outbox = {};
		for (let i = 0; i < 5; i++) outbox[`m${i}`] = { url: 'u', data: data(`m${i}`), sentAt: 1000 + i, attempts: 1 };
		pruneOutbox(outbox, 1004, 3, 10_000);
		expect(Object.keys(outbox).sort()).toEqual(['m2', 'm3', 'm4']);
		pruneOutbox(outbox, 11_003, 3, 10_000);
		expect(Object.keys(outbox).sort()).toEqual(['m3', 'm4']);
	});

	it('lists pending entries older than a threshold, oldest first', () => {
		const outbox: Outbox = {
			late: { url: 'u', data: data('late'), sentAt: 5000, attempts: 1 },
			early: { url: 'u', data: data('early'), sentAt: 1000, attempts: 1 },
			fresh: { url: 'u', data: data('fresh'), sentAt: 9500, attempts: 1 },
		};
		expect(pendingEntries(outbox, 10_000, 1000).map(([id]) => id)).toEqual(['early', 'late']);
	});
});
