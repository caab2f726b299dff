import { z } from 'zod';

/** The request types BRIX sends to the messenger's URL (seed: BRIX -> Messenger). */
export const BRIX_EVENTS = ['connect', 'message', 'messageOutcome', 'userInfo', 'markAsRead', 'disconnect'] as const;
export type BrixEvent = (typeof BRIX_EVENTS)[number];

const id = z.union([z.string().min(1), z.number()]).transform((value) => String(value));

export const brixFileSchema = z
	.object({
		name: z.string().optional().nullable(),
		size: z.union([z.number(), z.string()]).optional().nullable(),
		URL: z.string().min(1).optional(),
		url: z.string().min(1).optional(),
	})
	.passthrough()
	.refine((file) => file.URL !== undefined || file.url !== undefined, { message: 'file has no URL' });

const base = { token: z.string().optional().nullable(), channelId: id.optional() };

export const brixRequestSchemas = {
	connect: z.object({ ...base, data: z.object({ webhook: z.string().min(1) }).passthrough() }).passthrough(),
	message: z
		.object({
			...base,
			data: z
				.object({
					targetChatId: id,
					text: z.string().optional().nullable(),
					files: z.array(brixFileSchema).optional().nullable(),
				})
				.passthrough(),
		})
		.passthrough(),
	messageOutcome: z
		.object({
			...base,
			data: z.object({ success: z.union([z.boolean(), z.enum(['true', 'false'])]), messageId: id }).passthrough(),
		})
		.passthrough(),
	userInfo: z.object({ ...base, data: z.object({ userId: id }).passthrough() }).passthrough(),
	markAsRead: z.object({ ...base, data: z.object({ messageId: id }).passthrough() }).passthrough(),
	disconnect: z.object({ ...base }).passthrough(),
} as const;

export type BrixRequest<T extends BrixEvent> = z.infer<(typeof brixRequestSchemas)[T]>;

/** The reply BRIX expects to a userInfo request (seed: "Sample response"). */
export const userInfoReplySchema = z.object({
	id: id,
	username: z.string(),
	phoneNumber: z.string(),
	avatar: z.string(),
});
export type UserInfoReply = z.infer<typeof userInfoReplySchema>;
