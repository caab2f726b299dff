import { z } from 'zod';

/**
 * Selarti publishes the field names of its "All messages" webhook but not their formats, and a delivery it
 * does not get answered 200 is an AI answer lost. So every field is read leniently: a value in an unexpected
 * format is left out of the item (it stays in `raw`) instead of rejecting the whole delivery.
 */

/** A yes/no flag as Selarti may send it: boolean, "yes"/"no", "true"/"false", 1/0, "да"/"нет". */
const TRUE = new Set(['true', 'yes', '1', 'да', 'y']);
const FALSE = new Set(['false', 'no', '0', 'нет', 'n']);

export function flagOf(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value !== 'string') return undefined;
	const text = value.trim().toLowerCase();
	if (TRUE.has(text)) return true;
	if (FALSE.has(text)) return false;
	return undefined;
}

/** Strings as they are, numbers as their decimal text; anything else is not a usable value. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

const flag = z.unknown().transform(flagOf);
const text = z.unknown().transform(textOf);

/** The "All messages" integration webhook. Every field is optional. */
export const webhookSchema = z
	.object({
		wh_type: text,
		message_type: text,
		message_text: text,
		message_id: text,
		external_chat_id: text,
		thread_id: text,
		task_id: text,
		channel_id: text,
		company_id: text,
		manager_id: text,
		title: text,
		contacts: z.unknown().optional(),
		get_contact: flag,
		interest: flag,
		is_bot: flag,
		operator: flag,
		success: flag,
		close: flag,
		share_url: text,
		panel_url: text,
	})
	.passthrough();

export type SelartiWebhook = z.infer<typeof webhookSchema>;

/** A delivery must carry at least one of these to be worth an execution. */
export const IDENTIFYING_FIELDS = [
	'message_text',
	'message_id',
	'external_chat_id',
	'thread_id',
	'task_id',
	'channel_id',
	'company_id',
	'manager_id',
] as const;
