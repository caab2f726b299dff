import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('command', '/my/commands', [
	filter.number('id', 'Command ID', 'id', 'Only the command with this ID'),
	filter.string('name', 'Name', 'name', 'Only the command with this name'),
], 'commands');
