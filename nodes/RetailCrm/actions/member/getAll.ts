import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('member', '/members', [
	filter.locator('chatId', 'Chat ID', 'chat_id', 'Only members of this chat', 'searchChats'),
	filter.locator('userId', 'User ID', 'user_id', 'Only memberships of this user', 'searchUsers'),
	filter.options('state', 'State', 'state', 'Only members in this state', ['active', 'kicked', 'leaved']),
], 'chat members');
