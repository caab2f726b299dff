import { z } from 'zod';

const nonEmpty = z.string().trim().min(1, 'is required and must not be empty');

/** A coordinate may arrive as a number or a numeric string. */
const coordinate = (limit: number) =>
	z
		.union([z.number(), z.string().trim().min(1).regex(/^-?\d+(\.\d+)?$/, 'must be a number')])
		.transform((value) => Number(value))
		.refine((value) => Math.abs(value) <= limit, `must be between -${limit} and ${limit}`);

export const ATTACHMENT_KINDS = ['image', 'video', 'audio', 'file'] as const;

const textMessage = z
	.object({ type: z.literal('text'), text: z.string({ required_error: 'is required for a text message' }) })
	.passthrough();

const attachmentMessage = z
	.object({
		type: z.literal('attachment'),
		attachment: z
			.object({
				type: z.enum(ATTACHMENT_KINDS),
				url: nonEmpty,
				mimeType: z.string().optional(),
				fileName: z.string().optional(),
				description: z.string().optional(),
			})
			.passthrough(),
	})
	.passthrough();

const locationMessage = z
	.object({
		type: z.literal('location'),
		latitude: coordinate(90),
		longitude: coordinate(180),
		address: z.string().optional(),
	})
	.passthrough();

const quickReplyMessage = z
	.object({
		type: z.literal('quick_reply'),
		title: z.string({ required_error: 'is required for a quick_reply message' }),
		replies: z.array(z.string()).min(1, 'must hold at least one reply'),
	})
	.passthrough();

export const MESSAGE_TYPES = ['text', 'attachment', 'location', 'quick_reply'] as const;

export const outgoingMessageSchema = z.discriminatedUnion('type', [
	textMessage,
	attachmentMessage,
	locationMessage,
	quickReplyMessage,
], {
	errorMap: (issue, ctx) =>
		issue.code === z.ZodIssueCode.invalid_union_discriminator
			? { message: `type must be one of ${MESSAGE_TYPES.join(', ')}` }
			: { message: ctx.defaultError },
});

/** The body the platform posts to `<API Base URL>/message`. */
export const outgoingRequestSchema = z
	.object({
		channelId: z.union([z.string(), z.number()]).optional(),
		contactId: z.union([nonEmpty, z.number().transform(String)], {
			required_error: 'is required',
			invalid_type_error: 'must be a string',
		}),
		message: z.object({}, { required_error: 'is required', invalid_type_error: 'must be an object' }).passthrough(),
	})
	.passthrough();

export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;
