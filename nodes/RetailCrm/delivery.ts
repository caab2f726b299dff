import type { IDataObject } from 'n8n-workflow';

import { commonMessage, idString, withPlatformDetails, type CommonMessage } from '../shared/message';
import type { BotMessage } from './schemas';
import { RecentIds, reconnectDelayMs } from './websocket';

/**
 * What the Bot Trigger keeps in its node static data, written only by the trigger. n8n saves it on every emit
 * (and after publishing); an execution whose nodes change static data may write back an older copy, which
 * only makes the overlap below re-read, and the id list re-filter, a little more: duplicates, never a loss.
 */
export interface StoredState extends IDataObject {
	/** Epoch ms: nothing created before it is caught up (when the trigger first started watching). */
	floor?: number;
	/** Epoch ms: the newest creation time of a message handled so far (the cursor). */
	newest?: number;
	/** The ids handled last (emitted, or dropped as the bot's own), a ring whose next slot is handledNext. */
	handled?: Array<string | number>;
	handledNext?: number;
	/** Epoch ms: the last moment the trigger is known to have been running (start, each emit, disconnect). */
	aliveAt?: number;
	/** Written by earlier versions: the first connection's time (ISO). */
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
 * restarts; the in-memory id set is a larger window over the same ids while the trigger runs.
 */
export class DeliveryState {
	private readonly memory: RecentIds;
	/** When the previous run of this trigger was last known to run (undefined on a first start). */
	readonly previousAliveAt: string | undefined;

	constructor(
		private readonly store: StoredState,
		private readonly options: DeliveryOptions = DELIVERY_DEFAULTS,
		now = Date.now(),
	) {
		this.memory = new RecentIds(Math.max(options.memoryIds, options.storedIds));
		for (const id of this.storedIds()) this.memory.add(id);
		this.previousAliveAt = finite(store.aliveAt) ? new Date(store.aliveAt).toISOString() : undefined;
		if (!finite(store.floor)) {
			const legacy = Date.parse(store.watchingSince ?? '');
			store.floor = Number.isNaN(legacy) ? now : legacy;
		}
	}

	/** The stored ids, oldest first. */
	storedIds(): string[] {
		const ring = Array.isArray(this.store.handled) ? this.store.handled : [];
		const next = finite(this.store.handledNext) ? this.store.handledNext : ring.length;
		const ordered = next < ring.length ? [...ring.slice(next), ...ring.slice(0, next)] : ring;
		return ordered.map((id) => idString(id)).filter((id): id is string => id !== undefined);
	}

	has(id: string): boolean {
		return this.memory.has(id);
	}

	/** Where a catch-up read starts (ISO): the overlap before the newest handled message, never before the floor. */
	windowStart(): string {
		const floor = finite(this.store.floor) ? this.store.floor : Date.now();
		const start = finite(this.store.newest) ? Math.max(floor, this.store.newest - this.options.overlapMs) : floor;
		return new Date(start).toISOString();
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
		if (!Array.isArray(this.store.handled)) this.store.handled = [];
		const ring = this.store.handled;
		const size = this.options.storedIds;
		if (ring.length < size) {
			ring.push(message.id);
			this.store.handledNext = ring.length;
		} else {
			const next = finite(this.store.handledNext) ? this.store.handledNext % size : 0;
			ring[next] = message.id;
			this.store.handledNext = (next + 1) % size;
		}
		const created = createdMs(message);
		if (created !== undefined && !(finite(this.store.newest) && this.store.newest >= created)) this.store.newest = created;
	}

	/** Marks the trigger as running at this moment. */
	touch(now = Date.now()): void {
		this.store.aliveAt = now;
	}
}

function finite(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/** The selected event types a disconnection can make the trigger miss for good (no catch-up read exists). */
export function unrecoverableEvents(events: string[], catchUp: boolean): string[] {
	return events.filter((event) => !(catchUp && event === 'message_new'));
}

export type GapReason = 'reconnect' | 'restart';

/** The item emitted when events may have been missed: the time window, the reason and the event types (under `retailcrm`). */
export function gapItem(from: string, to: string, reason: GapReason, events: string[]): CommonMessage {
	const raw: IDataObject = { type: 'gap', from, to, reason, events };
	return withPlatformDetails(commonMessage({ platform: 'retailcrm', event: 'gap', author: 'system', timestamp: to, raw }), { from, to, reason, events });
}

/** How long a connection must have stayed open before the reconnect backoff starts again at attempt 1. */
export const STABLE_CONNECTION_MS = 30_000;

/**
 * Reconnect backoff across connections. A connection counts as working once it delivered an event or stayed open
 * for `stableMs`; one that closes before that does not reset the attempt count, so a server that accepts the
 * socket and closes it at once is retried ever more slowly, up to the cap, and finally reported.
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

	/** An event arrived on the open connection: it works, the next loss starts the backoff again. */
	delivered(): void {
		this.attempts = 0;
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
