import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, ITriggerFunctions } from 'n8n-workflow';

import { idString } from '../shared/message';
import { frameMessage, isOwnMessage, parseRetailCrmFrame, toRetailCrmEventItem, toRetailCrmItem } from './inbound';
import { messageSchema, type BotMessage, type Frame } from './schemas';
import { asList, botRequest, nextCursor } from './transport';
import {
	DELIVERY_DEFAULTS,
	DeliveryState,
	gapItem,
	ReconnectPolicy,
	STABLE_CONNECTION_MS,
	unrecoverableEvents,
	type GapReason,
	type StoredState,
} from './delivery';
import { frameText, type BotSocket, type SocketFactory } from './websocket';

export interface ConnectionSettings {
	url: string;
	token: string;
	events: string[];
	includeMassCommunication: boolean;
	ignoreOwnMessages: boolean;
	resolveFileUrls: boolean;
	backfill: boolean;
	maxReconnectAttempts: number;
	/** Every this many ms the catch-up read also runs while connected (0: only after reconnects). */
	catchUpIntervalMs: number;
	/** How long an opening handshake may take before the attempt is abandoned. */
	handshakeTimeoutMs: number;
	/** Emit one `gap` item when selected events may have been missed (no catch-up exists for them). */
	reportGaps: boolean;
	/** Catch up and report gaps at start too (off for a test run in the editor, which waits for a live event). */
	resume: boolean;
	/** How far before the cursor each catch-up reads again (default: DELIVERY_DEFAULTS.overlapMs). */
	overlapMs?: number;
	/** How long a connection must stay open before the backoff starts again (default: STABLE_CONNECTION_MS). */
	stableConnectionMs?: number;
	selfBotId?: string;
	openSocket: SocketFactory;
}

const BACKFILL_PAGE = 1000;
const SLEEP_SLICE_MS = 250;

/**
 * One MessageGateway WebSocket session with reconnect, catch-up and gap reports. Frames and catch-up reads are
 * handled one at a time, in order; a message is recorded as handled right after its emit, and ids already
 * handled are skipped, so a message delivered live and again by a catch-up starts one execution.
 */
export class BotConnection {
	private closed = false;
	private failed = false;
	private socket: BotSocket | undefined;
	private listeners: AbortController | undefined;
	private queue: Promise<void> = Promise.resolve();
	private readonly state: DeliveryState;
	private readonly policy: ReconnectPolicy;
	private reconnecting = false;
	/** When the last open socket closed (start of a possible gap). */
	private lostAt: string | undefined;

	constructor(
		private readonly ctx: ITriggerFunctions,
		private readonly settings: ConnectionSettings,
	) {
		this.state = new DeliveryState(ctx.getWorkflowStaticData('node') as StoredState, {
			...DELIVERY_DEFAULTS,
			overlapMs: settings.overlapMs ?? DELIVERY_DEFAULTS.overlapMs,
		});
		this.policy = new ReconnectPolicy(settings.maxReconnectAttempts, settings.stableConnectionMs ?? STABLE_CONNECTION_MS);
	}

	/** First connection: a refused handshake throws, so publishing fails visibly. */
	async start(): Promise<void> {
		const previousAliveAt = this.state.previousAliveAt;
		await this.connect();
		const connectedAt = new Date().toISOString();
		this.state.touch();
		if (this.settings.resume) {
			// A previous run of this trigger (before an n8n restart, a re-publish or a recovery) ended at
			// previousAliveAt at the latest: what happened since then was not received.
			if (previousAliveAt !== undefined) this.enqueue(async () => this.reportGap(previousAliveAt, connectedAt, 'restart'));
			this.enqueue(async () => await this.backfill());
		}
		if (this.settings.catchUpIntervalMs > 0) void this.catchUpLoop();
	}

	/**
	 * A socket can look open while frames no longer arrive (a half-open TCP connection, a server that stopped
	 * sending): the periodic catch-up read delivers such messages anyway, de-duplicated like every other.
	 */
	private async catchUpLoop(): Promise<void> {
		while (!this.closed) {
			await this.pause(this.settings.catchUpIntervalMs);
			if (this.closed) return;
			if (this.socket) this.enqueue(async () => await this.backfill());
		}
	}

	async close(): Promise<void> {
		this.closed = true;
		this.listeners?.abort();
		this.listeners = undefined;
		const socket = this.socket;
		this.socket = undefined;
		if (socket && socket.readyState < 2) socket.close(1000, 'n8n trigger closed');
	}

	private connect(): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const controller = new AbortController();
			const options = { signal: controller.signal };
			let settled = false;
			let opened = false;
			let socket: BotSocket;
			try {
				socket = this.settings.openSocket(this.settings.url, { 'X-Bot-Token': this.settings.token });
			} catch (error) {
				reject(error as Error);
				return;
			}
			const refuse = (detail: string) => {
				if (settled) return;
				settled = true;
				controller.abort();
				reject(
					new NodeOperationError(this.ctx.getNode(), `MessageGateway refused the WebSocket connection${detail}`, {
						description:
							'Check the endpoint URL and bot token in the retailCRM Bot API credential, and that the bot module is active in retailCRM.',
					}),
				);
			};
			socket.addEventListener(
				'open',
				() => {
					if (settled) return;
					settled = true;
					opened = true;
					if (this.closed) {
						controller.abort();
						socket.close(1000);
						resolve();
						return;
					}
					this.listeners?.abort();
					this.listeners = controller;
					this.socket = socket;
					this.policy.opened();
					resolve();
				},
				options,
			);
			socket.addEventListener('error', (event) => {
				if (!opened) refuse(event.message ? `: ${event.message}` : '');
			}, options);
			socket.addEventListener(
				'close',
				(event) => {
					if (!opened) {
						refuse(event.code ? ` (close code ${event.code})` : '');
						return;
					}
					controller.abort();
					if (this.socket !== socket) return;
					this.socket = undefined;
					this.policy.closed();
					this.lostAt = new Date().toISOString();
					this.state.touch();
					if (!this.closed) void this.reconnect();
				},
				options,
			);
			socket.addEventListener('message', (event) => this.onFrame(event.data), options);
			void this.abandonIfSilent(socket, () => settled, () => refuse(' (no answer to the handshake in time)'));
		});
	}

	/** A handshake that never completes (no open, no error) is given up after the timeout, so a retry can follow. */
	private async abandonIfSilent(socket: BotSocket, settled: () => boolean, giveUp: () => void): Promise<void> {
		await this.pause(this.settings.handshakeTimeoutMs, settled);
		if (settled()) return;
		giveUp();
		try {
			socket.close();
		} catch {
			// a socket that cannot even be closed is dropped with its listeners
		}
	}

	private async pause(ms: number, until: () => boolean = () => false): Promise<void> {
		let left = ms;
		while (left > 0 && !this.closed && !until()) {
			const step = Math.min(left, SLEEP_SLICE_MS);
			await sleep(step);
			left -= step;
		}
	}

	/**
	 * Reconnects until a socket is open again. The attempt count carries over connections that closed before
	 * they were stable (see ReconnectPolicy); when it is used up, n8n is told, and restarts the trigger.
	 */
	private async reconnect(): Promise<void> {
		if (this.reconnecting || this.failed) return;
		this.reconnecting = true;
		try {
			while (!this.closed && !this.socket) {
				const next = this.policy.next();
				if (!next) {
					this.failed = true;
					this.ctx.emitError(
						new NodeOperationError(
							this.ctx.getNode(),
							`Lost the MessageGateway WebSocket and could not reconnect after ${this.settings.maxReconnectAttempts} attempts`,
							{ description: 'n8n restarts the trigger; check that MessageGateway is reachable and the bot token is valid.' },
						),
					);
					return;
				}
				await this.pause(next.delayMs);
				if (this.closed) return;
				try {
					await this.connect();
				} catch (error) {
					this.ctx.logger.warn(`retailCRM WebSocket reconnect attempt ${next.attempt} failed: ${(error as Error).message}`);
					continue;
				}
				if (this.closed) return;
				this.ctx.logger.info(`retailCRM WebSocket reconnected (attempt ${next.attempt})`);
				const from = this.lostAt ?? new Date().toISOString();
				const to = new Date().toISOString();
				this.enqueue(async () => this.reportGap(from, to, 'reconnect'));
				this.enqueue(async () => await this.backfill());
			}
		} finally {
			this.reconnecting = false;
		}
		// A socket that opened and closed again while this loop was finishing is picked up here.
		if (!this.closed && !this.socket && !this.failed) void this.reconnect();
	}

	private enqueue(task: () => Promise<void>): void {
		this.queue = this.queue.then(task).catch((error: Error) => {
			this.ctx.logger.warn(`retailCRM trigger could not handle an event: ${error.message}`);
		});
	}

	private onFrame(data: unknown): void {
		const text = frameText(data);
		const frame = text === undefined ? undefined : parseRetailCrmFrame(text);
		if (!frame) {
			this.ctx.logger.warn('retailCRM WebSocket sent a frame that is not an event; ignored');
			return;
		}
		this.policy.delivered();
		this.enqueue(async () => await this.handle(frame));
	}

	private async handle(frame: Frame): Promise<void> {
		if (this.closed) return;
		if (!this.settings.events.includes(frame.type)) return;
		const message = frameMessage(frame);
		if (!message) {
			this.emit(toRetailCrmEventItem(frame));
			return;
		}
		await this.handleMessage(frame.type, message, frame as IDataObject);
	}

	private async handleMessage(event: string, message: BotMessage, frame: IDataObject): Promise<void> {
		const tracked = event === 'message_new' && idString(message.id) !== undefined;
		if (tracked && this.state.has(idString(message.id) as string)) return;
		if (this.settings.ignoreOwnMessages && isOwnMessage(message, this.settings.selfBotId)) {
			if (tracked) this.state.recordHandled(message);
			return;
		}
		const urls = this.settings.resolveFileUrls ? await this.fileUrls(message) : {};
		if (this.closed) return;
		this.emit(toRetailCrmItem(event, message, frame, urls));
		if (tracked) this.state.recordHandled(message);
	}

	private reportGap(from: string, to: string, reason: GapReason): void {
		if (!this.settings.reportGaps || this.closed) return;
		const events = unrecoverableEvents(this.settings.events, this.settings.backfill);
		if (events.length === 0) return;
		this.emit(gapItem(from, to, reason, events));
	}

	/**
	 * Hands an item to n8n. n8n saves the static data inside emit() when it has changed (and serialises it only
	 * after that call returned), so marking the trigger alive first makes sure that save happens, and it then
	 * carries what is recorded right after this emit; if it did not, the next emit does.
	 */
	private emit(json: IDataObject): void {
		const item: INodeExecutionData = { json };
		this.state.touch();
		this.ctx.emit([[item]]);
	}

	private async fileUrls(message: BotMessage): Promise<Record<string, string>> {
		const urls: Record<string, string> = {};
		for (const item of message.items ?? []) {
			try {
				const file = await botRequest.call(this.ctx, { method: 'GET', path: `/files/${encodeURIComponent(item.id)}` });
				const url = file.url ?? file.Url;
				if (typeof url === 'string' && url !== '') urls[item.id] = url;
			} catch (error) {
				this.ctx.logger.warn(`retailCRM trigger could not get the URL of file ${item.id}: ${(error as Error).message}`);
			}
		}
		return urls;
	}

	/**
	 * Reads the messages created since the overlap before the cursor (`GET /messages?since=`, which filters on
	 * the last update, paged by `since_id`), oldest first, and handles those not handled yet. The overlap finds
	 * ids that were still in flight when a newer one was delivered; the handled ids keep it from repeating any.
	 */
	private async backfill(): Promise<void> {
		if (!this.settings.backfill || !this.settings.events.includes('message_new') || this.closed) return;
		const windowStart = this.state.windowStart();
		let sinceId: number | undefined;
		for (let page = 0; page < 100 && !this.closed; page++) {
			const query: Record<string, string | number | undefined> = { since: windowStart, limit: BACKFILL_PAGE };
			if (sinceId !== undefined) query.since_id = sinceId;
			if (this.settings.includeMassCommunication) query.include_mass_communication = 1;
			const list = asList(await botRequest.call(this.ctx, { method: 'GET', path: '/messages', query }));
			const messages = list
				.map((entry) => messageSchema.safeParse(entry))
				.filter((parsed) => parsed.success)
				.map((parsed) => parsed.data as BotMessage)
				.filter((message) => this.state.isDue(message, windowStart))
				.sort((a, b) => Number(a.id) - Number(b.id));
			for (const message of messages) {
				if (this.closed) return;
				const frame: IDataObject = { type: 'message_new', meta: { backfill: true }, data: { message: message as IDataObject } };
				await this.handleMessage('message_new', message, frame);
			}
			const last = nextCursor(list);
			if (list.length < BACKFILL_PAGE || last === undefined || (sinceId !== undefined && last <= sinceId)) return;
			sinceId = last;
		}
	}
}
