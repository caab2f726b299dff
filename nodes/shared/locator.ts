import type { INodeListSearchItems, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

export interface IdLocatorOptions {
	displayName: string;
	name: string;
	description: string;
	/** The `methods.listSearch` function that fills the From List mode. */
	searchListMethod: string;
	/** Whether that method filters by the text typed into the list. */
	searchable?: boolean;
	/** A By ID default, for example an expression that reads the id from the incoming item. Empty: From List. */
	idDefault?: string;
	idPlaceholder?: string;
	/** Only digits are accepted in the By ID mode. */
	numeric?: boolean;
	required?: boolean;
}

/**
 * A resourceLocator with the modes From List and By ID. Workflows saved before it was one keep a plain
 * string here; `locatorValue` reads both.
 */
export function idLocator(options: IdLocatorOptions): INodeProperties {
	const { idDefault = '' } = options;
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: idDefault === '' ? 'list' : 'id', value: idDefault },
		required: options.required ?? true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${options.displayName.replace(/ ID$/, '').toLowerCase()}...`,
				typeOptions: {
					searchListMethod: options.searchListMethod,
					searchable: options.searchable ?? true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder ?? 'e.g. 123',
				...(options.numeric
					? {
							validation: [
								{
									type: 'regex',
									properties: { regex: '[0-9]+', errorMessage: 'Enter a whole number' },
								},
							],
						}
					: {}),
			},
		],
	};
}

/** The id inside a resourceLocator value, or the plain value a workflow saved before the field was one. */
export function locatorValue(raw: unknown): string {
	if (typeof raw === 'object' && raw !== null && 'value' in raw) return locatorValue((raw as { value: unknown }).value);
	if (raw === undefined || raw === null) return '';
	return String(raw).trim();
}

/** A page of list results narrowed to the entries whose name or id contains the filter text. */
export function searchResult(
	items: INodeListSearchItems[],
	filter: string | undefined,
	paginationToken?: string,
): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const results = needle === ''
		? items
		: items.filter((item) => item.name.toLowerCase().includes(needle) || String(item.value).toLowerCase().includes(needle));
	return paginationToken ? { results, paginationToken } : { results };
}
