import { CHANNEL_TYPES, filter, listOperation } from '../common';

export const { description, execute } = listOperation('message', '/messages', [
	filter.string('ids', 'Message IDs', 'id', 'Only these messages (comma-separated IDs)'),
	filter.number('chatId', 'Chat ID', 'chat_id', 'Only messages of this chat'),
	filter.number('dialogId', 'Dialog ID', 'dialog_id', 'Only messages of this dialog'),
	filter.number('userId', 'User ID', 'user_id', 'Only messages written by this user'),
	filter.number('customerId', 'Customer ID', 'customer_id', 'Only messages written by this customer'),
	filter.number('botId', 'Bot ID', 'bot_id', 'Only messages written by this bot'),
	filter.number('channelId', 'Channel ID', 'channel_id', 'Only messages of this channel'),
	filter.options('channelType', 'Channel Type', 'channel_type', 'Only messages of this channel type', CHANNEL_TYPES),
	filter.options('scope', 'Scope', 'scope', 'Only public (customer-facing) or private (operator-only) messages', ['public', 'private']),
	filter.options('type', 'Type', 'type', 'Only messages of this type', ['audio', 'command', 'file', 'image', 'order', 'product', 'system', 'text']),
	filter.yesNo('includeMassCommunication', 'Include Mass Communication', 'include_mass_communication', 'Yes: include messages of mass mailings. No: leave them out.'),
], 'messages');
