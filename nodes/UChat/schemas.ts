import { z } from 'zod';

const id = z.union([z.string().min(1), z.number().finite()]);

const button = z
	.object({
		type: z.string().optional(),
		title: z.string().nullish(),
		payload: z.unknown().optional(),
		url: z.string().nullish(),
	})
	.passthrough();

const card = z
	.object({
		title: z.string().nullish(),
		subtitle: z.string().nullish(),
		image_url: z.string().nullish(),
		item_url: z.string().nullish(),
		default_action: z.unknown().optional(),
		buttons: z.array(button).nullish(),
	})
	.passthrough();

/** A message UChat posts to our webhook when the bot or an agent replies (seed: "Webhook payload"). */
export const inboundMessageSchema = z
	.object({
		sender_id: id,
		conv_id: id,
		type: z.string().optional(),
		text: z.string().nullish(),
		url: z.string().nullish(),
		message_type: z.string().optional(),
		private: z.union([z.boolean(), z.number(), z.string()]).optional(),
		content_type: z.string().nullish(),
		content_attributes: z
			.object({
				text: z.string().nullish(),
				buttons: z.array(button).nullish(),
				ratio: z.string().nullish(),
				items: z.array(card).nullish(),
			})
			.passthrough()
			.nullish(),
	})
	.passthrough();

export type InboundMessage = z.infer<typeof inboundMessageSchema>;
export type InboundButton = z.infer<typeof button>;
