import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseAttachments, sendResult } from '../../../shared/message';
import { conversationOfItem, originPlatformParameter } from '../../../shared/origin';
import { runForEachItem } from '../../../shared/runner';
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

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials<{ taskId?: string }>('selartiApi');
	return await runForEachItem(this, async (index) => {
		const body: IDataObject = sendExternalBody(
			taskIdOf(this.getNodeParameter('taskId', index, ''), credentials.taskId),
			conversationOfItem(this, 'selarti', 'chatId', index).key,
			withAttachmentLinks(
				this.getNodeParameter('message', index, ''),
				parseAttachments(this.getNodeParameter('attachments', index, '')),
			),
		);
		const response = await callWorkflow(this, 'send_message_external', body, index);
		return sendResult('selarti', String(body.chat_id), null, {
			taskId: body.task_id,
			statusCode: response.statusCode,
			response: (typeof response.body === 'object' && response.body !== null
				? response.body
				: { body: response.body ?? '' }) as IDataObject,
		});
	});
}
