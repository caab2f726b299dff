import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('member', '/members', [
	filter.number('chatId', 'Chat ID', 'chat_id', 'Only members of this chat'),
	filter.number('userId', 'User ID', 'user_id', 'Only memberships of this user'),
	filter.options('state', 'State', 'state', 'Only members in this state', ['active', 'kicked', 'leaved']),
], 'chat members');
