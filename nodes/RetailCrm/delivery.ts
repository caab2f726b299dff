import type { IDataObject } from 'n8n-workflow';

import { commonMessage, idString, type CommonMessage } from '../shared/message';
import type { BotMessage } from './schemas';
import { RecentIds, reconnectDelayMs } from './websocket';

/**
 * What the Bot Trigger keeps in its node static data, written only by the trigger. n8n saves it on every emit
 * (and after activation); an execution whose nodes change static data may write back an older copy, which
 * only makes the overlap below re-read, and the id list re-filter, a little more: duplicates, never a loss.
 */
export interface StoredState extends IDataObject {
	/** ISO time: nothing created before it is caught up (when the trigger first started watching). */
	floor?: string;
	/** ISO time: the newest creation time of a message handled so far (the cursor). */
	newest?: string;
	/** The ids handled last (emitted, or dropped as the bot's own), oldest first. */
	handled?: Array<string | number>;
	/** ISO time: the last moment the trigger is known to have been running (start, each emit, disconnect). */
	aliveAt?: string;
	/** Written by earlier versions: the first connection's time. */
	watchingSince?: string;
}

export interface DeliveryOptions {
	/** How far before the cursor a catch-up reads again, for ids that were still in flight out of order. */
	overlapMs: number;
	/** How many handled ids the static data keeps (a restart re-reads the overlap against them). */
	storedIds: number;
	/** How many handled ids are kept in memory. */
	memoryIds: number;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = { overlapMs: 120_000, storedIds: 300, memoryIds: 5000 };

/** Creation time of a message in ms (`created_at`, else `time`); undefined when neither is readable. */
export function createdMs(message: BotMessage): number | undefined {
	const value = Date.parse(message.created_at ?? message.time ?? '');
	return Number.isNaN(value) ? undefined : value;
}

/**
 * The trigger's delivery cursor: which messages were handled, where the next catch-up starts, and since when
 * the trigger may have missed events. All of it lives in the node's static data so that it survives n8n
 * restarts; the in-memory id set is a larger window over the same ids for the running process.
 */
export class DeliveryState {
	private readonly memory: RecentIds;
	/** The running time of the previous run when this one started after it (undefined on a first start). */
	readonly previousAliveAt: string | undefined;

	constructor(
		private readonly store: StoredState,
		private readonly options: DeliveryOptions = DELIVERY_DEFAULTS,
		now = Date.now(),
	) {
		this.memory = new RecentIds(Math.max(options.memoryIds, options.storedIds));
		for (const id of this.storedIds()) this.memory.add(id);
		this.previousAliveAt = typeof store.aliveAt === 'string' ? store.aliveAt : undefined;
		if (typeof store.floor !== 'string') {
			store.floor = typeof store.watchingSince === 'string' ? store.watchingSince : new Date(now).toISOString();
		}
	}

	/** The stored ids, oldest first. */
	storedIds(): string[] {
		const ids = Array.isArray(this.store.handled) ? this.store.handled : [];
		return ids.map((id) => idString(id)).filter((id): id is string => id !== undefined);
	}

	has(id: string): boolean {
		return this.memory.has(id);
	}

	/** Where a catch-up read starts: the overlap before the newest handled message, never before the floor. */
	windowStart(): string {
		const floor = Date.parse(this.store.floor ?? '');
		const newest = Date.parse(this.store.newest ?? '');
		if (Number.isNaN(newest)) return new Date(Number.isNaN(floor) ? Date.now() : floor).toISOString();
		const start = newest - this.options.overlapMs;
		return new Date(Number.isNaN(floor) ? start : Math.max(floor, start)).toISOString();
	}

	/** Whether a message read by a catch-up is one to handle: inside the window and not handled yet. */
	isDue(message: BotMessage, windowStart: string): boolean {
		const id = idString(message.id);
		if (id === undefined || this.has(id)) return false;
		const created = createdMs(message);
		return created === undefined || created >= Date.parse(windowStart);
	}

	/** Records a handled message (call right after emitting it): the cursor moves only now. */
	recordHandled(message: BotMessage): void {
		const id = idString(message.id);
		if (id === undefined) return;
		this.memory.add(id);
		// Replaced, not pushed to: n8n observes writes to the node's own object, not inside a plain array.
		const ids = [...(Array.isArray(this.store.handled) ? this.store.handled : []), message.id];
		if (ids.length > this.options.storedIds) ids.splice(0, ids.length - this.options.storedIds);
		this.store.handled = ids;
		const created = createdMs(message);
		const newest = Date.parse(this.store.newest ?? '');
		if (created !== undefined && (Number.isNaN(newest) || created > newest)) {
			this.store.newest = new Date(created).toISOString();
		}
	}

	/** Marks the trigger as running at this moment. */
	touch(now = Date.now()): void {
		this.store.aliveAt = new Date(now).toISOString();
	}
}

/** The selected event types a disconnection can make the trigger miss for good (no catch-up read exists). */
export function unrecoverableEvents(events: string[], catchUp: boolean): string[] {
	return events.filter((event) => !(catchUp && event === 'message_new'));
}

export type GapReason = 'reconnect' | 'restart';

/** The item emitted when events may have been missed: the time window, the reason and the event types. */
export function gapItem(from: string, to: string, reason: GapReason, events: string[]): CommonMessage {
	const raw: IDataObject = { type: 'gap', from, to, reason, events };
	return { ...commonMessage({ platform: 'retailcrm', event: 'gap', timestamp: to, raw }), from, to, reason, events };
}

/** How long a connection must have stayed open before the reconnect backoff starts again at attempt 1. */
export const STABLE_CONNECTION_MS = 30_000;

/**
 * Reconnect backoff across connections: a connection that closes before it was stable does not reset the
 * attempt count, so a server that accepts and closes at once is retried ever more slowly, up to the cap.
 */
export class ReconnectPolicy {
	private attempts = 0;
	private openedAt: number | undefined;

	constructor(
		readonly maxAttempts: number,
		private readonly stableMs = STABLE_CONNECTION_MS,
		private readonly delay: (attempt: number) => number = reconnectDelayMs,
	) {}

	opened(now = Date.now()): void {
		this.openedAt = now;
	}

	closed(now = Date.now()): void {
		if (this.openedAt !== undefined && now - this.openedAt >= this.stableMs) this.attempts = 0;
		this.openedAt = undefined;
	}

	/** The next attempt and the wait before it; undefined once the attempts are used up. */
	next(): { attempt: number; delayMs: number } | undefined {
		if (this.attempts >= this.maxAttempts) return undefined;
		this.attempts++;
		return { attempt: this.attempts, delayMs: this.delay(this.attempts) };
	}

	get attempt(): number {
		return this.attempts;
	}
}
