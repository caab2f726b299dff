import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('dialog', '/dialogs', [
	filter.number('id', 'Dialog ID', 'id', 'Only the dialog with this ID'),
	filter.locator('chatId', 'Chat ID', 'chat_id', 'Only dialogs of this chat', 'searchChats'),
	filter.locator('userId', 'User ID', 'user_id', 'Only dialogs assigned to this user', 'searchUsers'),
	filter.locator('botId', 'Bot ID', 'bot_id', 'Only dialogs assigned to this bot', 'searchBots'),
	filter.yesNo('active', 'Active', 'active', 'Yes: only open dialogs. No: only closed dialogs.'),
	filter.yesNo('assign', 'Assigned', 'assign', 'Yes: only assigned dialogs. No: only unassigned dialogs.'),
	filter.yesNo('includeMassCommunication', 'Include Mass Communication', 'include_mass_communication', 'Yes: include dialogs of mass mailings. No: leave them out.'),
], 'dialogs');
