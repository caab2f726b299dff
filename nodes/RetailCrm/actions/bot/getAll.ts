import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('bot', '/bots', [
	filter.number('id', 'Bot ID', 'id', 'Only the bot with this ID'),
	filter.yesNo('active', 'Active', 'active', 'Yes: only active bots. No: only deactivated bots.'),
	filter.yesNo('self', 'Self', 'self', 'Yes: only this bot. No: every bot but this one.'),
	filter.options('role', 'Roles', 'role', 'Only bots with these roles', ['distributor', 'hidden', 'responsible'], true),
], 'bots');
