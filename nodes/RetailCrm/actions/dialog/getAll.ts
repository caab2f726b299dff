import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('dialog', '/dialogs', [
	filter.number('id', 'Dialog ID', 'id', 'Only the dialog with this ID'),
	filter.number('chatId', 'Chat ID', 'chat_id', 'Only dialogs of this chat'),
	filter.number('userId', 'User ID', 'user_id', 'Only dialogs assigned to this user'),
	filter.number('botId', 'Bot ID', 'bot_id', 'Only dialogs assigned to this bot'),
	filter.yesNo('active', 'Active', 'active', 'Yes: only open dialogs. No: only closed dialogs.'),
	filter.yesNo('assign', 'Assigned', 'assign', 'Yes: only assigned dialogs. No: only unassigned dialogs.'),
	filter.yesNo('includeMassCommunication', 'Include Mass Communication', 'include_mass_communication', 'Yes: include dialogs of mass mailings. No: leave them out.'),
], 'dialogs');
