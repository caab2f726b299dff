import { backoffMs } from '../shared/http';

/**
 * The part of the WHATWG WebSocket this package uses. n8n 2.x runs on Node >= 22, whose global WebSocket
 * (undici) also accepts `{ headers }` as its second argument: that is how the bot token travels in the
 * `X-Bot-Token` handshake header, as in every official client.
 */
export interface SocketEvent {
	data?: unknown;
	code?: number;
	reason?: string;
	message?: string;
	error?: unknown;
}

export interface BotSocket {
	readonly readyState: number;
	close(code?: number, reason?: string): void;
	addEventListener(
		type: 'open' | 'message' | 'close' | 'error',
		listener: (event: SocketEvent) => void,
		options?: { signal?: AbortSignal; once?: boolean },
	): void;
}

export type SocketFactory = (url: string, headers: Record<string, string>) => BotSocket;

declare const WebSocket: new (url: string, init?: { headers?: Record<string, string> }) => BotSocket;

/** Opens a socket with the runtime's global WebSocket. */
export const openSocket: SocketFactory = (url, headers) => new WebSocket(url, { headers });

/** Every WebSocket event type the Bot API documents. */
export const WS_EVENTS = [
	'bot_updated',
	'channel_updated',
	'chat_created',
	'chat_unread_updated',
	'chat_updated',
	'chats_deleted',
	'customer_updated',
	'dialog_assign',
	'dialog_closed',
	'dialog_opened',
	'message_deleted',
	'message_new',
	'message_restored',
	'message_updated',
	'settings_updated',
	'user_joined_chat',
	'user_left_chat',
	'user_online_updated',
	'user_updated',
] as const;

/**
 * `wss://<endpoint>/api/bot/v1/ws?events=a,b[&options=include_mass_communication]`: https becomes wss,
 * http becomes ws, and a path in the endpoint is kept (as the Go client does).
 */
export function webSocketUrl(endpointUrl: string, events: string[], includeMassCommunication: boolean): string {
	const base = endpointUrl.trim().replace(/\/+$/, '');
	const url = new URL(`${base}/api/bot/v1/ws`);
	if (url.protocol === 'https:') url.protocol = 'wss:';
	else if (url.protocol === 'http:') url.protocol = 'ws:';
	else if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
		throw new Error(`The endpoint URL must start with https:// or http://, got "${url.protocol}"`);
	}
	let query = `events=${events.map(encodeURIComponent).join(',')}`;
	if (includeMassCommunication) query += '&options=include_mass_communication';
	return `${url.origin}${url.pathname}?${query}`;
}

export const RECONNECT_POLICY = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 30_000, idempotent: true };

/** Jittered exponential wait before reconnect attempt 1, 2, ... (between half and all of 1 s * 2^(n-1), at most 30 s). */
export function reconnectDelayMs(attempt: number, random = Math.random): number {
	return backoffMs(attempt, RECONNECT_POLICY, random);
}

/** Remembers the last `capacity` ids, to drop an event seen twice (live and again in a backfill). */
export class RecentIds {
	private readonly ids = new Set<string>();

	constructor(private readonly capacity = 5000) {}

	/** Records the id; false when it was already there. */
	add(id: string): boolean {
		if (this.ids.has(id)) return false;
		this.ids.add(id);
		if (this.ids.size > this.capacity) {
			const oldest = this.ids.values().next().value;
			if (oldest !== undefined) this.ids.delete(oldest);
		}
		return true;
	}

	has(id: string): boolean {
		return this.ids.has(id);
	}
}

/** The text of a frame: text frames arrive as strings, binary ones as ArrayBuffer / Buffer. */
export function frameText(data: unknown): string | undefined {
	if (typeof data === 'string') return data;
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
	return undefined;
}
