import type { IDataObject } from 'n8n-workflow';

/**
 * Messages sent to BRIX that have no positive messageOutcome yet, kept in the workflow's global static
 * data so a later execution of the same workflow can re-send them with the same externalMessageId.
 */
export const OUTBOX_KEY = 'brixOutbox';
export const OUTBOX_LIMIT = 500;
export const OUTBOX_TTL_MS = 24 * 60 * 60 * 1000;

export interface OutboxEntry extends IDataObject {
	url: string;
	data: IDataObject;
	sentAt: number;
	attempts: number;
}

export type Outbox = Record<string, OutboxEntry>;

export function outboxOf(staticData: IDataObject): Outbox {
	const value = staticData[OUTBOX_KEY];
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		staticData[OUTBOX_KEY] = {};
	}
	return staticData[OUTBOX_KEY] as Outbox;
}

/** Drops expired entries and, beyond the limit, the oldest ones. */
export function pruneOutbox(outbox: Outbox, now: number, limit = OUTBOX_LIMIT, ttlMs = OUTBOX_TTL_MS): void {
	const entries = Object.entries(outbox).sort((a, b) => a[1].sentAt - b[1].sentAt);
	let excess = entries.length - limit;
	for (const [key, entry] of entries) {
		if (now - entry.sentAt > ttlMs || excess > 0) {
			delete outbox[key];
			excess--;
		}
	}
}

export function recordSent(outbox: Outbox, messageId: string, url: string, data: IDataObject, now: number): void {
	const previous = outbox[messageId];
	outbox[messageId] = { url, data, sentAt: now, attempts: (previous?.attempts ?? 0) + 1 };
	pruneOutbox(outbox, now);
}

/** Entries sent at least `olderThanMs` ago (no outcome yet), oldest first. */
export function pendingEntries(outbox: Outbox, now: number, olderThanMs: number): Array<[string, OutboxEntry]> {
	return Object.entries(outbox)
		.filter(([, entry]) => now - entry.sentAt >= olderThanMs)
		.sort((a, b) => a[1].sentAt - b[1].sentAt);
}
