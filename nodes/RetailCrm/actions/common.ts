import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator, locatorValue, type IdLocatorOptions } from '../../shared/locator';
import { fieldLabel } from '../../shared/runner';
import { botList, type Query, type RateLimiter } from '../transport';

export interface OperationContext {
	limiter: RateLimiter;
}

export type OperationResult = IDataObject | IDataObject[];

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
) => Promise<OperationResult>;

export interface Operation {
	description: INodeProperties[];
	execute: OperationExecute;
}

/** Shows a property only for one resource and operation. */
export function forOperation(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { show: { resource: [resource], operation: [operation], ...property.displayOptions?.show } },
	}));
}

/** A positive integer id parameter (a plain value or the id of a list picker). */
export function idParameter(this: IExecuteFunctions, name: string, itemIndex: number): number {
	const raw = locatorValue(this.getNodeParameter(name, itemIndex, '', { extractValue: true }));
	const value = raw === '' ? NaN : Number(raw);
	if (!Number.isInteger(value) || value <= 0) {
		throw new NodeOperationError(this.getNode(), `${fieldLabel(name)} must be a positive whole number, got "${String(raw)}"`, {
			itemIndex,
			description: 'Use the numeric id from MessageGateway, for example the chatId of a retailCRM trigger item.',
		});
	}
	return value;
}

/** A MessageGateway id field with a list picker; By ID accepts whole numbers and expressions. */
export function mgIdLocator(options: Omit<IdLocatorOptions, 'numeric'>): INodeProperties {
	return idLocator({ ...options, numeric: true });
}

export function stringParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

/** A filter field of a Get Many operation: `name` in the UI, `query` on the wire. */
export interface FilterField {
	property: INodeProperties;
	query: string;
	/** An Any / Yes / No filter: sent as 1 or 0, left out for Any. */
	yesNo?: boolean;
}

/** Yes / No of a three-state filter as the API's 1 / 0; also takes the booleans workflows saved earlier stored. */
export function yesNoQuery(value: unknown): 0 | 1 | undefined {
	if (value === true || value === 'yes') return 1;
	if (value === false || value === 'no') return 0;
	return undefined;
}

const idFilters: FilterField[] = [
	{
		query: 'since',
		property: {
			displayName: 'Updated After',
			name: 'since',
			type: 'dateTime',
			default: '',
			description: 'Only objects updated at or after this time',
		},
	},
	{
		query: 'until',
		property: {
			displayName: 'Updated Before',
			name: 'until',
			type: 'dateTime',
			default: '',
			description: 'Only objects updated before this time (the API then returns them newest first)',
		},
	},
	{
		query: 'since_id',
		property: {
			displayName: 'After ID',
			name: 'sinceId',
			type: 'number',
			default: 0,
			description: 'Only objects whose ID is greater than this one',
		},
	},
	{
		query: 'until_id',
		property: {
			displayName: 'Before ID',
			name: 'untilId',
			type: 'number',
			default: 0,
			description: 'Only objects whose ID is lower than this one',
		},
	},
];

export const filter = {
	number(name: string, displayName: string, query: string, description: string): FilterField {
		return { query, property: { displayName, name, type: 'number', default: 0, description } };
	},
	string(name: string, displayName: string, query: string, description: string): FilterField {
		return { query, property: { displayName, name, type: 'string', default: '', description } };
	},
	/** An id filter with a list picker (`methods.listSearch[searchListMethod]`). */
	locator(name: string, displayName: string, query: string, description: string, searchListMethod: string): FilterField {
		return {
			query,
			property: idLocator({ displayName, name, description, searchListMethod, numeric: true, required: false }),
		};
	},
	/** A yes/no filter as Any / Yes / No: added to the Filters, it changes nothing until the user picks a side. */
	yesNo(name: string, displayName: string, query: string, description: string): FilterField {
		return {
			query,
			property: {
				displayName,
				name,
				type: 'options',
				default: 'any',
				description,
				options: [
					{ name: 'Any', value: 'any', description: 'Do not filter on this' },
					{ name: 'No', value: 'no' },
					{ name: 'Yes', value: 'yes' },
				],
			},
			yesNo: true,
		};
	},
	options(
		name: string,
		displayName: string,
		query: string,
		description: string,
		values: string[],
		multi = false,
	): FilterField {
		const options = values
			.map((value) => ({ name: optionLabel(value), value }))
			.sort((a, b) => a.name.localeCompare(b.name));
		return {
			query,
			property: {
				displayName,
				name,
				type: multi ? 'multiOptions' : 'options',
				default: multi ? [] : options[0].value,
				description,
				options,
			},
		};
	},
};

function rfc3339(value: unknown): string | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** Turns the Filters collection into the query string of a list call. */
export function filtersToQuery(filters: IDataObject, fields: FilterField[]): Query {
	const query: Query = {};
	for (const field of [...fields, ...idFilters]) {
		const value = filters[field.property.name];
		if (value === undefined || value === null || value === '') continue;
		if (field.yesNo) {
			const flag = yesNoQuery(value);
			if (flag !== undefined) query[field.query] = flag;
			continue;
		}
		switch (field.property.type) {
			case 'resourceLocator': {
				const id = Number(locatorValue(value));
				if (Number.isInteger(id) && id > 0) query[field.query] = id;
				break;
			}
			case 'number':
				if (Number(value) > 0) query[field.query] = Number(value);
				break;
			case 'dateTime':
				query[field.query] = rfc3339(value);
				break;
			case 'multiOptions':
				if (Array.isArray(value) && value.length > 0) query[field.query] = value as string[];
				break;
			default:
				query[field.query] =
					field.property.name === 'ids'
						? String(value)
								.split(',')
								.map((entry) => entry.trim())
								.filter((entry) => entry !== '')
						: String(value);
		}
	}
	return query;
}

/** A "Get Many" operation over a Bot API list endpoint: Return All pages through `since_id`. */
export function listOperation(resource: string, path: string, fields: FilterField[], noun: string): Operation {
	const description = forOperation(resource, 'getAll', [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: `Which ${noun} to return`,
			options: [...fields, ...idFilters]
				.map((field) => field.property)
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	]);
	const execute: OperationExecute = async function (this: IExecuteFunctions, itemIndex, context) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? 1000 : (this.getNodeParameter('limit', itemIndex) as number);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return await botList.call(this, {
			path,
			query: filtersToQuery(filters, fields),
			returnAll,
			limit,
			itemIndex,
			limiter: context.limiter,
		});
	};
	return { description, execute };
}

export const CHANNEL_TYPES = [
	'avito', 'consultant', 'custom', 'drom', 'fbmessenger', 'instagram', 'max', 'mega_market', 'odnoklassniki',
	'ozon', 'skype', 'telegram', 'viber', 'vk', 'whatsapp', 'wildberries', 'yandex_chat', 'yandex_market', 'youla',
];

const SPECIAL_LABELS: Record<string, string> = {
	fbmessenger: 'Facebook Messenger',
	leaved: 'Left',
	max: 'MAX',
	mega_market: 'MegaMarket',
	vk: 'VK',
	whatsapp: 'WhatsApp',
};

/** The label of an API value in an options list: `yandex_chat` -> "Yandex Chat", `fbmessenger` -> "Facebook Messenger". */
export function optionLabel(value: string): string {
	return (
		SPECIAL_LABELS[value] ??
		value
			.split(/[_-]/)
			.filter((word) => word !== '')
			.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
			.join(' ')
	);
}

export const TAG_COLORS = [
	'blue', 'gray', 'grayish-blue', 'green', 'light-blue', 'light-gray', 'light-grayish-blue', 'light-green',
	'light-orange', 'light-red', 'orange', 'red',
];
