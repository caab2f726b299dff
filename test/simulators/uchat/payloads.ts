/** The seed's webhook payloads (UChat -> our webhook), placeholders filled in. */
export const inbound = {
	text: {
		sender_id: 'contact-42',
		conv_id: 123,
		text: 'Hello from the bot',
		type: 'text',
		message_type: 'outgoing',
		private: false,
	},
	buttonTemplate: {
		sender_id: 'contact-42',
		conv_id: 123,
		text: 'Pick one',
		type: 'text',
		message_type: 'outgoing',
		private: false,
		content_type: 'button_template',
		content_attributes: {
			text: 'Pick one',
			buttons: [
				{ type: 'postback', title: 'Yes', payload: 'ANSWER_YES' },
				{ type: 'postback', title: 'No', payload: 'ANSWER_NO' },
			],
		},
	},
	genericTemplate: {
		sender_id: 'contact-42',
		conv_id: 123,
		text: 'Our plans',
		type: 'text',
		message_type: 'outgoing',
		private: false,
		content_type: 'generic_template',
		content_attributes: {
			ratio: 'horizontal',
			items: [
				{
					title: 'Basic',
					image_url: 'https://cdn.example.com/basic.png',
					item_url: null,
					subtitle: 'For starters',
					default_action: null,
					buttons: [{ type: 'postback', title: 'Choose Basic', payload: 'PLAN_BASIC' }],
				},
				{
					title: 'Pro',
					image_url: 'https://cdn.example.com/pro.png',
					item_url: null,
					subtitle: 'For teams',
					default_action: null,
					buttons: [{ type: 'postback', title: 'Choose Pro', payload: 'PLAN_PRO' }],
				},
			],
		},
	},
	image: { sender_id: 'contact-42', conv_id: 123, url: 'https://cdn.example.com/a.png', type: 'image', message_type: 'outgoing', private: false },
	audio: { sender_id: 'contact-42', conv_id: 123, url: 'https://cdn.example.com/a.mp3', type: 'audio', message_type: 'outgoing', private: false },
	video: { sender_id: 'contact-42', conv_id: 123, url: 'https://cdn.example.com/a.mp4', type: 'video', message_type: 'outgoing', private: false },
	file: { sender_id: 'contact-42', conv_id: 123, url: 'https://cdn.example.com/a.pdf', type: 'file', message_type: 'outgoing', private: false },
	privateNote: {
		sender_id: 'contact-42',
		conv_id: 123,
		text: 'Internal note for agents',
		type: 'text',
		message_type: 'outgoing',
		private: true,
	},
} as const;

type Sender = { id: string; name: string; email: string; phone_number: string; type: 'contact' };

function envelope(content: string, sender: Sender, conversationId: number, event: string) {
	return { content, message_type: 'incoming', sender, conversation_id: conversationId, event };
}

/** The seed's request bodies (our action -> bot_url), built field by field in the seed's order. */
export const outbound = {
	text: (content: string, sender: Sender, conversationId: number) =>
		envelope(content, sender, conversationId, 'message_created'),
	postback: (title: string, payload: string, sender: Sender, conversationId: number) => ({
		...envelope(title, sender, conversationId, 'message_postback'),
		submitted_values: [{ title, payload }],
	}),
	media: (fileType: 'image' | 'audio' | 'video' | 'file', url: string, sender: Sender, conversationId: number) => ({
		...envelope('', sender, conversationId, 'message_created'),
		attachments: [{ file_type: fileType, data_url: url }],
	}),
};
