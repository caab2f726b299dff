import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, ITriggerFunctions } from 'n8n-workflow';

import { idString } from '../shared/message';
import { frameMessage, isOwnMessage, messageSchema, messageToCommon, eventToCommon, parseFrame, type BotMessage, type Frame } from './schemas';
import { asList, botRequest, nextCursor } from './transport';
import { frameText, RecentIds, reconnectDelayMs, type BotSocket, type SocketFactory } from './websocket';

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
	selfBotId?: string;
	openSocket: SocketFactory;
}

/** Static data kept per trigger node: where the message backfill resumes. */
export interface Cursor extends IDataObject {
	lastMessageId?: number;
	/** Set on the first connection, used when no message was seen yet. */
	watchingSince?: string;
}

const BACKFILL_PAGE = 1000;

/** Whether a message was created at or after an ISO time (messages without a readable time count as new). */
export function createdSince(message: BotMessage, since: string): boolean {
	const created = Date.parse(message.created_at ?? message.time ?? '');
	return Number.isNaN(created) || created >= Date.parse(since);
}
const SLEEP_SLICE_MS = 250;

/**
 * One MessageGateway WebSocket session with reconnect and backfill. Frames are handled one at a time in
 * arrival order; message ids are de-duplicated, so a message delivered live and again by a backfill starts
 * one execution.
 */
export class BotConnection {
	private closed = false;
	private socket: BotSocket | undefined;
	private listeners: AbortController | undefined;
	private queue: Promise<void> = Promise.resolve();
	private readonly seen = new RecentIds();
	private reconnecting = false;

	constructor(
		private readonly ctx: ITriggerFunctions,
		private readonly settings: ConnectionSettings,
	) {}

	private get cursor(): Cursor {
		return this.ctx.getWorkflowStaticData('node') as Cursor;
	}

	/** First connection: a refused handshake throws, so activation fails visibly. */
	async start(): Promise<void> {
		const cursor = this.cursor;
		if (cursor.lastMessageId === undefined && cursor.watchingSince === undefined) {
			cursor.watchingSince = new Date().toISOString();
		}
		await this.connect();
		// After a restart (for example after emitError) the cursor tells what was missed meanwhile.
		this.enqueue(async () => await this.backfill());
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
			let opened = false;
			let socket: BotSocket;
			try {
				socket = this.settings.openSocket(this.settings.url, { 'X-Bot-Token': this.settings.token });
			} catch (error) {
				reject(error as Error);
				return;
			}
			const refuse = (detail: string) => {
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
					if (this.socket === socket) this.socket = undefined;
					if (!this.closed) void this.reconnect();
				},
				options,
			);
			socket.addEventListener('message', (event) => this.onFrame(event.data), options);
		});
	}

	private async pause(ms: number): Promise<void> {
		let left = ms;
		while (left > 0 && !this.closed) {
			const step = Math.min(left, SLEEP_SLICE_MS);
			await sleep(step);
			left -= step;
		}
	}

	private async reconnect(): Promise<void> {
		if (this.reconnecting) return;
		this.reconnecting = true;
		try {
			for (let attempt = 1; attempt <= this.settings.maxReconnectAttempts; attempt++) {
				await this.pause(reconnectDelayMs(attempt));
				if (this.closed) return;
				try {
					await this.connect();
					if (this.closed) return;
					this.ctx.logger.info(`retailCRM WebSocket reconnected after ${attempt} attempt(s)`);
					this.enqueue(async () => await this.backfill());
					return;
				} catch (error) {
					this.ctx.logger.warn(`retailCRM WebSocket reconnect attempt ${attempt} failed: ${(error as Error).message}`);
				}
			}
			if (!this.closed) {
				this.ctx.emitError(
					new NodeOperationError(
						this.ctx.getNode(),
						`Lost the MessageGateway WebSocket and could not reconnect after ${this.settings.maxReconnectAttempts} attempts`,
						{ description: 'n8n restarts the trigger; check that MessageGateway is reachable and the bot token is valid.' },
					),
				);
			}
		} finally {
			this.reconnecting = false;
		}
	}

	private enqueue(task: () => Promise<void>): void {
		this.queue = this.queue.then(task).catch((error: Error) => {
			this.ctx.logger.warn(`retailCRM trigger could not handle an event: ${error.message}`);
		});
	}

	private onFrame(data: unknown): void {
		const text = frameText(data);
		const frame = text === undefined ? undefined : parseFrame(text);
		if (!frame) {
			this.ctx.logger.warn('retailCRM WebSocket sent a frame that is not an event; ignored');
			return;
		}
		this.enqueue(async () => await this.handle(frame));
	}

	private async handle(frame: Frame): Promise<void> {
		if (this.closed) return;
		if (!this.settings.events.includes(frame.type)) return;
		const message = frameMessage(frame);
		if (!message) {
			this.emit(eventToCommon(frame));
			return;
		}
		await this.handleMessage(frame.type, message, frame as IDataObject);
	}

	private async handleMessage(event: string, message: BotMessage, frame: IDataObject): Promise<void> {
		const messageId = idString(message.id);
		if (event === 'message_new' && messageId !== undefined) {
			if (!this.seen.add(messageId)) return;
			this.advanceCursor(Number(messageId));
		}
		if (this.settings.ignoreOwnMessages && isOwnMessage(message, this.settings.selfBotId)) return;
		const urls = this.settings.resolveFileUrls ? await this.fileUrls(message) : {};
		this.emit(messageToCommon(event, message, frame, urls));
	}

	private advanceCursor(id: number): void {
		if (!Number.isFinite(id)) return;
		const cursor = this.cursor;
		if (cursor.lastMessageId === undefined || id > cursor.lastMessageId) cursor.lastMessageId = id;
	}

	private emit(json: IDataObject): void {
		const item: INodeExecutionData = { json };
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

	/** Reads the messages that arrived while the socket was down (`GET /messages?since_id=`), oldest first. */
	private async backfill(): Promise<void> {
		if (!this.settings.backfill || !this.settings.events.includes('message_new') || this.closed) return;
		const cursor = this.cursor;
		const startId = cursor.lastMessageId;
		const since = startId === undefined ? cursor.watchingSince : undefined;
		if (startId === undefined && since === undefined) return;
		let sinceId = startId;
		for (let page = 0; page < 100 && !this.closed; page++) {
			const query: Record<string, string | number | undefined> = { limit: BACKFILL_PAGE };
			if (sinceId !== undefined) query.since_id = sinceId;
			else query.since = since;
			if (this.settings.includeMassCommunication) query.include_mass_communication = 1;
			const list = asList(await botRequest.call(this.ctx, { method: 'GET', path: '/messages', query }));
			const messages = list
				.map((entry) => messageSchema.safeParse(entry))
				.filter((parsed) => parsed.success)
				.map((parsed) => parsed.data as BotMessage)
				.filter((message) => startId === undefined || Number(message.id) > startId)
				.filter((message) => since === undefined || createdSince(message, since))
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
