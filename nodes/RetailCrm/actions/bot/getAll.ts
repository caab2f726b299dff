import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('bot', '/bots', [
	filter.number('id', 'Bot ID', 'id', 'Only the bot with this ID'),
	filter.boolean('active', 'Active', 'active', 'Whether to return only active bots (off: only deactivated bots)'),
	filter.boolean('self', 'Self', 'self', 'Whether to return only this bot'),
	filter.options('role', 'Roles', 'role', 'Only bots with these roles', ['distributor', 'hidden', 'responsible'], true),
], 'bots');
