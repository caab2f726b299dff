import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Platform } from './message';

/**
 * Ids that travel. A send operation that gets a chat of another platform opens one conversation per origin chat
 * and names it by an origin key (`brix_chat12`, `uchat_123@=Y29udGFjdC00Mg==`); the platform hands that name back
 * with every answer, and its trigger turns it into `origin` and the origin's `chatId` again. No mapping table,
 * nothing stored: the key is the mapping.
 *
 * The key uses only `A-Z a-z 0-9 _ = + / @`, the alphabet of respond.io custom contact IDs: an id made of those
 * characters (except `@`, `=`) stays readable, any other id is written as `=` and its base64.
 */

export interface Origin extends IDataObject {
	platform: Platform;
	chatId: string;
	userId?: string;
}

const PLATFORMS: readonly Platform[] = ['brix', 'selarti', 'uchat', 'bonychat', 'retailcrm'];
/** Platforms whose send needs the user apart from the chat: the key carries it so that the answer has it. */
const NAMES_USERS_APART: readonly Platform[] = ['uchat', 'brix'];
const READABLE = /^[A-Za-z0-9_+/]+$/;
const KEY = /^(brix|selarti|uchat|bonychat|retailcrm)_([^@]+)(?:@(.+))?$/;

function encodePart(value: string): string {
	return READABLE.test(value) ? value : `=${Buffer.from(value, 'utf8').toString('base64')}`;
}

function decodePart(value: string): string | undefined {
	if (!value.startsWith('=')) return READABLE.test(value) ? value : undefined;
	const text = Buffer.from(value.slice(1), 'base64').toString('utf8');
	return encodePart(text) === value ? text : undefined;
}

/** The name a conversation opened for `origin` gets on another platform. */
export function originKey(origin: Origin): string {
	const user = origin.userId !== undefined && origin.userId !== '' && origin.userId !== origin.chatId;
	return `${origin.platform}_${encodePart(origin.chatId)}${user ? `@${encodePart(origin.userId as string)}` : ''}`;
}

/** The origin a conversation name stands for; undefined for a platform's own ids. */
export function parseOriginKey(key: unknown): Origin | undefined {
	if (typeof key !== 'string') return undefined;
	const match = KEY.exec(key);
	if (!match) return undefined;
	const chatId = decodePart(match[2]);
	const userId = match[3] === undefined ? undefined : decodePart(match[3]);
	if (chatId === undefined || (match[3] !== undefined && userId === undefined)) return undefined;
	return userId === undefined
		? { platform: match[1] as Platform, chatId }
		: { platform: match[1] as Platform, chatId, userId };
}

/** A positive 31-bit integer that stands for `key` (platforms that number conversations). */
export function conversationNumber(key: string): number {
	const value = createHash('sha256').update(key).digest().readUInt32BE(0) & 0x7fffffff;
	return value === 0 ? 1 : value;
}

export function isPlatform(value: unknown): value is Platform {
	return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/**
 * Where a send operation's chat comes from: the platform of the trigger item by default, or, for an answer in a
 * conversation a bridge opened, the platform that conversation belongs to.
 */
export const originPlatformParameter: INodeProperties = {
	displayName: 'Chat Comes From',
	name: 'originPlatform',
	type: 'string',
	default: '={{ $json.origin ? $json.origin.platform : $json.platform }}',
	description:
		'The platform the Chat ID belongs to (brix, selarti, uchat, bonychat, retailcrm). A chat of another platform gets a conversation of its own here, named so that the answers lead back to it. Empty or this platform: the Chat ID is used as it is.',
};

/**
 * The conversation a send operation of `self` posts to, from its Chat ID parameter and Chat Comes From; the
 * item's `userId` goes into the key where the platform names no separate user (the origin may need it back).
 */
export function conversationOfItem(
	ctx: IExecuteFunctions,
	self: Platform,
	chatParameter: string,
	itemIndex: number,
): { key: string; origin?: Origin } {
	const raw = ctx.getNodeParameter(chatParameter, itemIndex, '') as unknown;
	const chatId = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	const userId = ctx.getInputData()[itemIndex]?.json.userId;
	return conversationFor(
		self,
		ctx.getNodeParameter('originPlatform', itemIndex, ''),
		chatId,
		typeof userId === 'string' || typeof userId === 'number' ? String(userId) : undefined,
	);
}

/**
 * The conversation to send to: the chat itself when it is this platform's own, else the origin key that names
 * the conversation opened for it.
 */
export function conversationFor(
	self: Platform,
	originPlatform: unknown,
	chatId: string,
	userId?: string,
): { key: string; origin?: Origin } {
	if (!isPlatform(originPlatform) || originPlatform === self || chatId === '') return { key: chatId };
	const origin: Origin =
		userId && NAMES_USERS_APART.includes(originPlatform)
			? { platform: originPlatform, chatId, userId }
			: { platform: originPlatform, chatId };
	return { key: originKey(origin), origin };
}

/**
 * A trigger item for a message in a conversation a bridge opened: `origin` names the chat it stands for, and
 * `chatId` / `userId` become the origin's, so that "this trigger -> the origin's send" with defaults answers
 * there. The platform's own ids stay in `raw`.
 */
export function withOrigin<T extends IDataObject>(item: T, conversationKey: unknown): T {
	const origin = parseOriginKey(conversationKey);
	if (!origin) return item;
	return { ...item, origin, chatId: origin.chatId, userId: origin.userId ?? origin.chatId };
}
