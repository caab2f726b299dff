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

type Label = (entry: IDataObject) => string;

const labels: Record<string, Label> = {
	bots: (bot) => text(bot.name),
	channels: (channel) => [text(channel.name), text(channel.type)].filter((part) => part !== '').join(' · '),
	chats: (chat) => {
		const customer = personName(object(chat.customer)) || text(chat.name);
		const channel = object(chat.channel);
		return [customer, text(channel.name) || text(channel.type)].filter((part) => part !== '').join(' · ');
	},
	dialogs: (dialog) => {
		const responsible = object(dialog.responsible);
		const parts = [`Chat ${text(dialog.chat_id) || '?'}`];
		if (text(responsible.type)) parts.push(`${text(responsible.type)} ${text(responsible.id)}`);
		if (dialog.closed_at) parts.push('closed');
		return parts.join(' · ');
	},
	users: personName,
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
		.map((entry) => {
			const id = text(entry.id);
			const name = label(entry);
			return { name: name === '' ? `#${id}` : `${name} (#${id})`, value: id };
		});
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
	const type = this.getCurrentNodeParameter('responsibleType');
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
