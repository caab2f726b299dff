import type { IDataObject } from 'n8n-workflow';

import { commonMessage, withPlatformDetails, type Author as CommonAuthor } from '../shared/message';
import { withOrigin } from '../shared/origin';
import { describeZodError } from '../shared/validation';
import { RequestError } from '../shared/webhook';
import { IDENTIFYING_FIELDS, webhookSchema } from './schemas';
import type { SelartiWebhook } from './schemas';

export type Author = 'bot' | 'operator' | 'user' | 'other';

/** The Authors filter says `user` as Selarti does; the common shape calls the same person `customer`. */
const COMMON_AUTHOR: Record<Author, CommonAuthor> = { bot: 'bot', operator: 'operator', user: 'customer', other: 'other' };

/** Who wrote the message, from `message_type` (exact values are not published; common spellings accepted). */
export function authorOf(messageType: string | null | undefined): Author {
	const value = (messageType ?? '').trim().toLowerCase();
	if (value === '') return 'other';
	if (/^(user|client|customer|contact|пользователь|клиент)$/.test(value)) return 'user';
	if (/^(bot|ai|assistant|ии|бот)$/.test(value)) return 'bot';
	if (/^(operator|manager|agent|оператор|менеджер)$/.test(value)) return 'operator';
	return 'other';
}

/** `contacts` may arrive as an object, a list, or a JSON text of either. */
function contactsOf(value: unknown): unknown {
	if (typeof value !== 'string') return value ?? undefined;
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed);
		} catch {
			return value;
		}
	}
	return value;
}

/** Reads a webhook body; only a body with neither text nor any id is refused (RequestError 400). */
export function parseSelartiRequest(body: IDataObject): SelartiWebhook {
	const result = webhookSchema.safeParse(body);
	if (!result.success) throw new RequestError(400, describeZodError(result.error));
	const hook = result.data;
	if (!IDENTIFYING_FIELDS.some((field) => hook[field] !== undefined && hook[field] !== '')) {
		throw new RequestError(400, `body has neither message_text nor any id (${IDENTIFYING_FIELDS.slice(1).join(', ')})`);
	}
	return hook;
}

const orUndefined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** The trigger's output item: the common message shape, every other documented field under `selarti`. */
export function toSelartiItem(hook: SelartiWebhook, raw: IDataObject, now: Date): IDataObject {
	const common = commonMessage({
		platform: 'selarti',
		event: orUndefined(hook.wh_type) ?? 'message',
		channelId: orUndefined(hook.channel_id),
		chatId: orUndefined(hook.external_chat_id),
		userId: orUndefined(hook.external_chat_id),
		messageId: orUndefined(hook.message_id),
		author: COMMON_AUTHOR[authorOf(hook.message_type)],
		text: orUndefined(hook.message_text),
		timestamp: now.toISOString(),
		raw,
	});
	const item = withPlatformDetails(common, {
		messageType: orUndefined(hook.message_type),
		webhookType: orUndefined(hook.wh_type),
		threadId: orUndefined(hook.thread_id),
		taskId: orUndefined(hook.task_id),
		companyId: orUndefined(hook.company_id),
		managerId: orUndefined(hook.manager_id),
		title: orUndefined(hook.title),
		contacts: contactsOf(hook.contacts) as IDataObject | undefined,
		getContact: hook.get_contact,
		interest: hook.interest,
		isBot: hook.is_bot,
		operator: hook.operator,
		success: hook.success,
		close: hook.close,
		shareUrl: orUndefined(hook.share_url),
		panelUrl: orUndefined(hook.panel_url),
	});
	return withOrigin(item, hook.external_chat_id);
}

export interface Filters {
	authors: Author[];
	webhookTypes: string[];
}

/** Why a webhook starts no execution, or undefined when it passes the filters. */
export function filteredOut(hook: SelartiWebhook, filters: Filters): string | undefined {
	const author = authorOf(hook.message_type);
	if (!filters.authors.includes(author)) return `messages by ${author} are filtered out`;
	if (filters.webhookTypes.length > 0) {
		const type = (hook.wh_type ?? '').trim();
		if (!filters.webhookTypes.includes(type)) return `webhook type "${type}" is filtered out`;
	}
	return undefined;
}

export function listOf(value: string): string[] {
	return value
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}
