import { z } from 'zod';

const id = z.union([z.number(), z.string()]);

/** One WebSocket frame: `{ type, meta: { timestamp }, data }`. */
export const frameSchema = z
	.object({
		type: z.string().min(1),
		meta: z.object({ timestamp: z.union([z.number(), z.string()]).optional() }).passthrough().optional(),
		data: z.record(z.unknown()).optional(),
	})
	.passthrough();

export type Frame = z.infer<typeof frameSchema>;

export const actorSchema = z
	.object({ id: id.optional(), type: z.string().optional(), external_id: z.string().optional(), name: z.string().optional() })
	.passthrough();

export const messageItemSchema = z
	.object({
		id: z.string(),
		kind: z.string().optional(),
		type: z.string().optional(),
		size: z.number().optional(),
		caption: z.string().optional(),
		preview_url: z.string().optional(),
	})
	.passthrough();

export const messageSchema = z
	.object({
		id,
		time: z.string().optional(),
		created_at: z.string().optional(),
		type: z.string().optional(),
		scope: z.string().optional(),
		chat_id: id.optional(),
		channel_id: id.optional(),
		content: z.string().optional(),
		from: actorSchema.optional(),
		items: z.array(messageItemSchema).optional(),
		chat: z
			.object({
				id: id.optional(),
				channel: z.object({ id: id.optional() }).passthrough().optional(),
				customer: actorSchema.optional(),
			})
			.passthrough()
			.optional(),
		dialog: z.object({ id: id.optional() }).passthrough().optional(),
	})
	.passthrough();

export type BotMessage = z.infer<typeof messageSchema>;

export const MESSAGE_EVENTS = new Set(['message_new', 'message_updated', 'message_deleted', 'message_restored']);

/** The `activity` field of the module activity callback. */
export const activitySchema = z
	.object({
		active: z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')]),
		freeze: z
			.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')])
			.optional(),
	})
	.passthrough();
