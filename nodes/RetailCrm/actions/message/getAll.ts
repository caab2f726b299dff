import { CHANNEL_TYPES, filter, listOperation } from '../common';

export const { description, execute } = listOperation('message', '/messages', [
	filter.string('ids', 'Message IDs', 'id', 'Only these messages (comma-separated IDs)'),
	filter.locator('chatId', 'Chat ID', 'chat_id', 'Only messages of this chat', 'searchChats'),
	filter.locator('dialogId', 'Dialog ID', 'dialog_id', 'Only messages of this dialog', 'searchDialogs'),
	filter.locator('userId', 'User ID', 'user_id', 'Only messages written by this user', 'searchUsers'),
	filter.number('customerId', 'Customer ID', 'customer_id', 'Only messages written by this customer'),
	filter.locator('botId', 'Bot ID', 'bot_id', 'Only messages written by this bot', 'searchBots'),
	filter.locator('channelId', 'Channel ID', 'channel_id', 'Only messages of this channel', 'searchChannels'),
	filter.options('channelType', 'Channel Type', 'channel_type', 'Only messages of this channel type', CHANNEL_TYPES),
	filter.options('scope', 'Scope', 'scope', 'Only public (customer-facing) or private (operator-only) messages', ['public', 'private']),
	filter.options('type', 'Type', 'type', 'Only messages of this type', ['audio', 'command', 'file', 'image', 'order', 'product', 'system', 'text']),
	filter.yesNo('includeMassCommunication', 'Include Mass Communication', 'include_mass_communication', 'Yes: include messages of mass mailings. No: leave them out.'),
], 'messages');
