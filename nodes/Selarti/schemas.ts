import { z } from 'zod';

/** A yes/no flag as Selarti may send it: boolean, "yes"/"no", "true"/"false", 1/0, "да"/"нет". */
const TRUE = new Set(['true', 'yes', '1', 'да', 'y']);
const FALSE = new Set(['false', 'no', '0', 'нет', 'n', '']);

export const flag = z
	.union([z.boolean(), z.number(), z.string(), z.null()])
	.transform((value, ctx) => {
		if (value === null) return undefined;
		if (typeof value === 'boolean') return value;
		if (typeof value === 'number') {
			if (value === 1) return true;
			if (value === 0) return false;
		} else {
			const text = value.trim().toLowerCase();
			if (text === '') return undefined;
			if (TRUE.has(text)) return true;
			if (FALSE.has(text)) return false;
		}
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be yes/no, true/false or 1/0' });
		return z.NEVER;
	})
	.optional();

const id = z
	.union([z.string(), z.number()], { invalid_type_error: 'must be a string or a number' })
	.transform((value) => String(value))
	.nullable()
	.optional();

const text = z.string({ invalid_type_error: 'must be a string' }).nullable().optional();

/** The "All messages" integration webhook. Every field is optional; wrong types are rejected. */
export const webhookSchema = z
	.object({
		wh_type: text,
		message_type: text,
		message_text: z.union([z.string(), z.number()], { invalid_type_error: 'must be a string' }).transform(String).nullable().optional(),
		message_id: id,
		external_chat_id: id,
		thread_id: id,
		task_id: id,
		channel_id: id,
		company_id: id,
		manager_id: id,
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

export const KNOWN_FIELDS = Object.keys(webhookSchema.shape);
