import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { searchResult } from '../shared/locator';
import { asList, botRequest, nextCursor, type Query } from './transport';

const PAGE_SIZE = 100;

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function object(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null ? (value as IDataObject) : {};
}

function personName(entry: IDataObject): string {
	const full = [text(entry.first_name), text(entry.last_name)].filter((part) => part !== '').join(' ');
	return full || text(entry.name) || text(entry.username) || text(entry.external_id);
}

/** The entry as the list shows it: its name (or what describes it) and its id. */
type Label = (entry: IDataObject) => string;

function named(name: string, id: unknown): string {
	return name === '' ? `#${text(id)}` : `${name} (#${text(id)})`;
}

const labels: Record<string, Label> = {
	bots: (bot) => named(text(bot.name), bot.id),
	channels: (channel) => named([text(channel.name), text(channel.type)].filter((part) => part !== '').join(' · '), channel.id),
	chats: (chat) => {
		const customer = personName(object(chat.customer)) || text(chat.name);
		const channel = object(chat.channel);
		return named([customer, text(channel.name) || text(channel.type)].filter((part) => part !== '').join(' · '), chat.id);
	},
	// Dialogs have no name: the label leads with the dialog's own id so it is not read as the chat's.
	dialogs: (dialog) => {
		const responsible = object(dialog.responsible);
		const parts = [`Dialog ${text(dialog.id)}`];
		if (text(dialog.chat_id)) parts.push(`chat ${text(dialog.chat_id)}`);
		if (text(responsible.type)) parts.push(`${text(responsible.type)} ${text(responsible.id)}`);
		if (dialog.closed_at) parts.push('closed');
		return parts.join(' · ');
	},
	users: (user) => named(personName(user), user.id),
};

/**
 * One page of a Bot API list as From List entries. A number typed into the search asks the API for that id;
 * other text narrows the page by name. Pages follow `since_id` like the Get Many operations.
 */
async function searchList(
	ctx: ILoadOptionsFunctions,
	path: string,
	label: Label,
	filter: string | undefined,
	paginationToken: string | undefined,
	extraQuery: Query = {},
): Promise<INodeListSearchResult> {
	const typed = (filter ?? '').trim();
	const byId = /^[0-9]+$/.test(typed);
	const query: Query = { ...extraQuery, limit: PAGE_SIZE };
	if (byId) query.id = Number(typed);
	else if (paginationToken) query.since_id = Number(paginationToken);
	const page = asList(await botRequest.call(ctx, { method: 'GET', path, query, idempotent: true }));
	const items: INodeListSearchItems[] = page
		.filter((entry) => text(entry.id) !== '')
		.map((entry) => ({ name: label(entry), value: text(entry.id) }));
	const last = nextCursor(page);
	const more = !byId && page.length >= PAGE_SIZE && last !== undefined ? String(last) : undefined;
	return searchResult(items, byId ? undefined : typed, more);
}

export async function searchBots(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await searchList(this, '/bots', labels.bots, filter, token, { active: 1 });
}

export async function searchChannels(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await searchList(this, '/channels', labels.channels, filter, token);
}

export async function searchChats(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await searchList(this, '/chats', labels.chats, filter, token);
}

export async function searchDialogs(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await searchList(this, '/dialogs', labels.dialogs, filter, token);
}

export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await searchList(this, '/users', labels.users, filter, token, { active: 1 });
}

/** Users or bots, whichever the operation's Assign To / Responsible field names. */
export async function searchResponsibles(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	// Unset means the operation's default: Open assigns to a bot, Assign to a user.
	const type =
		this.getCurrentNodeParameter('responsibleType') ??
		(this.getCurrentNodeParameter('operation') === 'open' ? 'bot' : 'user');
	return type === 'bot'
		? await searchBots.call(this, filter, token)
		: await searchUsers.call(this, filter, token);
}

/** This bot's commands; the value is the command name, which the command endpoints take. */
export async function searchCommands(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const page = asList(await botRequest.call(this, { method: 'GET', path: '/my/commands', query: { limit: 1000 }, idempotent: true }));
	const items: INodeListSearchItems[] = page
		.filter((entry) => text(entry.name) !== '')
		.map((entry) => {
			const description = text(entry.description);
			return { name: description ? `/${text(entry.name)} · ${description}` : `/${text(entry.name)}`, value: text(entry.name) };
		});
	return searchResult(items, filter);
}

export const listSearch = {
	searchBots,
	searchChannels,
	searchChats,
	searchCommands,
	searchDialogs,
	searchResponsibles,
	searchUsers,
};
