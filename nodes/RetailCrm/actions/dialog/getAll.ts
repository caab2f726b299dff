import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('dialog', '/dialogs', [
	filter.number('id', 'Dialog ID', 'id', 'Only the dialog with this ID'),
	filter.locator('chatId', 'Chat ID', 'chat_id', 'Only dialogs of this chat', 'searchChats'),
	filter.locator('userId', 'User ID', 'user_id', 'Only dialogs assigned to this user', 'searchUsers'),
	filter.locator('botId', 'Bot ID', 'bot_id', 'Only dialogs assigned to this bot', 'searchBots'),
	filter.boolean('active', 'Active', 'active', 'Whether to return only open dialogs (off: only closed dialogs)'),
	filter.boolean('assign', 'Assigned', 'assign', 'Whether to return only assigned dialogs (off: only unassigned dialogs)'),
	filter.boolean('includeMassCommunication', 'Include Mass Communication', 'include_mass_communication', 'Whether to include dialogs of mass mailings'),
], 'dialogs');
