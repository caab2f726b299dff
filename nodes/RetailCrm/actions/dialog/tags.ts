import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mgIdLocator, optionLabel, TAG_COLORS } from '../common';

export function tagProperties(withColor: boolean): INodeProperties[] {
	return [
		mgIdLocator({
			displayName: 'Dialog ID',
			name: 'dialogId',
			description: 'The dialog whose tags change',
			searchListMethod: 'searchDialogs',
			idDefault: '={{ $json.dialogId }}',
		}),
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Tag',
			options: [
				{
					displayName: 'Tag',
					name: 'tag',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The tag name' },
						...(withColor
							? [
									{
										displayName: 'Color',
										name: 'colorCode',
										type: 'options' as const,
										default: '',
										description: 'The tag color (empty: the default color)',
										options: [{ name: 'Default', value: '' }, ...TAG_COLORS.map((value) => ({ name: optionLabel(value), value }))],
									},
								]
							: []),
					],
				},
			],
		},
	];
}

/** The `tags` body of the add / delete tag calls. */
export function tagsBody(this: IExecuteFunctions, itemIndex: number, withColor: boolean): IDataObject[] {
	const collection = this.getNodeParameter('tags', itemIndex, {}) as { tag?: IDataObject[] };
	const tags = (collection.tag ?? [])
		.filter((tag) => String(tag.name ?? '').trim() !== '')
		.map((tag) => {
			const entry: IDataObject = { name: String(tag.name).trim() };
			if (withColor && tag.colorCode) entry.color_code = tag.colorCode;
			return entry;
		});
	if (tags.length === 0) {
		throw new NodeOperationError(this.getNode(), 'At least one tag with a name is required', { itemIndex });
	}
	return tags;
}
