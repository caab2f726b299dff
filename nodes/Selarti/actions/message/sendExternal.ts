import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseAttachments } from '../../../shared/message';
import { conversationOfItem, originPlatformParameter } from '../../../shared/origin';
import { sendExternalBody, taskIdOf, withAttachmentLinks } from '../../body';
import { callWorkflow } from '../../transport';

const show = { resource: ['message'], operation: ['sendExternal'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1721129985149x478019552540622850',
		description:
			'ID of the Web task (Tasks → your task) that links the channel, AI and integration. Empty uses the credential\'s Default Task ID.',
		displayOptions: { show },
	},
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		required: true,
		default: '={{ $json.chatId }}',
		description:
			'Your unique ID of the user, e.g. a Telegram user_id. Selarti keeps one dialog per ID and sends it back as external_chat_id.',
		displayOptions: { show },
	},
	{ ...originPlatformParameter, displayOptions: { show } },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '={{ $json.text }}',
		description: 'The user\'s message for the AI',
		displayOptions: { show },
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'json',
		default: '={{ $json.attachments }}',
		description:
			'Files as a JSON array of objects with a URL (the common attachments shape). Selarti accepts text only, so the URL of each file is added to the message on its own line.',
		displayOptions: { show },
	},
];

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const credentials = await this.getCredentials<{ taskId?: string }>('selartiApi');
	for (let index = 0; index < items.length; index++) {
		try {
			let body: IDataObject;
			try {
				body = sendExternalBody(
					taskIdOf(this.getNodeParameter('taskId', index, ''), credentials.taskId),
					conversationOfItem(this, 'selarti', 'chatId', index).key,
					withAttachmentLinks(
						this.getNodeParameter('message', index, ''),
						parseAttachments(this.getNodeParameter('attachments', index, '')),
					),
				);
			} catch (error) {
				throw asNodeError(this, error, index);
			}
			const response = await callWorkflow(this, 'send_message_external', body, index);
			output.push({
				json: {
					success: true,
					taskId: body.task_id,
					chatId: body.chat_id,
					statusCode: response.statusCode,
					response: (typeof response.body === 'object' && response.body !== null
						? response.body
						: { body: response.body ?? '' }) as IDataObject,
				},
				pairedItem: { item: index },
			});
		} catch (error) {
			const nodeError = asNodeError(this, error, index);
			if (this.continueOnFail()) {
				output.push({ json: { error: nodeError.message }, pairedItem: { item: index } });
				continue;
			}
			throw nodeError;
		}
	}
	return output;
}
