import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, stringParameter, type OperationContext } from '../common';

export const description = forOperation('file', 'updateMeta', [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		description: 'The UUID of the file (for example an audio message item)',
	},
	{
		displayName: 'Transcription',
		name: 'transcription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'The text of the audio file',
	},
	{
		displayName: 'Transcription Status',
		name: 'transcriptionStatus',
		type: 'options',
		default: 'ready',
		options: [
			{ name: 'Error', value: 'error' },
			{ name: 'In Progress', value: 'in_progress' },
			{ name: 'Ready', value: 'ready' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const fileId = stringParameter.call(this, 'fileId', itemIndex);
	if (fileId === '') throw new NodeOperationError(this.getNode(), 'File ID is empty', { itemIndex });
	const body: IDataObject = {
		transcription: this.getNodeParameter('transcription', itemIndex, '') as string,
		transcription_status: this.getNodeParameter('transcriptionStatus', itemIndex) as string,
	};
	return await botRequest.call(this, {
		method: 'PUT',
		path: `/files/${encodeURIComponent(fileId)}/meta`,
		body,
		itemIndex,
		idempotent: true,
		limiter: context.limiter,
	});
}
