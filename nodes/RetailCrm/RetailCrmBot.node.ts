import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { refuseInTool, toolAwareProperties } from '../shared/tool';
import { requestOptionsParameter } from '../shared/http';
import { operations, router } from './actions/router';
import { listSearch } from './listSearch';

const op = (name: string, value: string, description: string, action: string) => ({ name, value, description, action });

const operationsByResource: Record<string, Array<ReturnType<typeof op>>> = {
	bot: [
		op('Get Many', 'getAll', 'List the bots of the account', 'Get many bots'),
		op('Update Info', 'updateInfo', 'Change the name, avatar or roles of this bot', 'Update bot info'),
	],
	channel: [op('Get Many', 'getAll', 'List the channels', 'Get many channels')],
	chat: [op('Get Many', 'getAll', 'List chats', 'Get many chats')],
	command: [
		op('Create or Update', 'createOrUpdate', 'Register a bot command or change its description', 'Create or update command'),
		op('Delete', 'delete', 'Delete a bot command', 'Delete command'),
		op('Get Many', 'getAll', 'List the commands of this bot', 'Get many commands'),
	],
	customer: [op('Get Many', 'getAll', 'List customers', 'Get many customers')],
	dialog: [
		op('Add Tags', 'addTags', 'Add tags to a dialog', 'Add tags to dialog'),
		op('Assign', 'assign', 'Make a user or bot responsible for a dialog', 'Assign dialog'),
		op('Close', 'close', 'Close a dialog', 'Close dialog'),
		op('Get Many', 'getAll', 'List dialogs', 'Get many dialogs'),
		op('Open', 'open', 'Open a new dialog in a chat', 'Open dialog'),
		op('Remove Tags', 'removeTags', 'Remove tags from a dialog', 'Remove tags from dialog'),
		op('Unassign', 'unassign', 'Remove the responsible of a dialog', 'Unassign dialog'),
	],
	file: [
		op('Get', 'get', 'Get a file and its temporary download URL', 'Get file'),
		op('Update Metadata', 'updateMeta', 'Set the transcription of an audio file', 'Update file metadata'),
		op('Upload', 'upload', 'Upload binary data of the input item', 'Upload file'),
		op('Upload by URL', 'uploadByUrl', 'Have MessageGateway download a file', 'Upload file by URL'),
	],
	member: [op('Get Many', 'getAll', 'List chat members', 'Get many chat members')],
	message: [
		op('Delete', 'delete', 'Delete a message', 'Delete message'),
		op('Edit', 'edit', 'Change the text of a message', 'Edit message'),
		op('Get Many', 'getAll', 'List messages', 'Get many messages'),
		op('Send', 'send', 'Send a text, file, image, audio, product or order message', 'Send message'),
	],
	module: [
		op('Get', 'get', 'Read an integration module of the account', 'Get module'),
		op('Register', 'register', 'Register or update the bot module and get the MessageGateway endpoint and token', 'Register module'),
	],
	user: [op('Get Many', 'getAll', 'List users (operators)', 'Get many users')],
};

const defaults: Record<string, string> = {
	bot: 'getAll',
	channel: 'getAll',
	chat: 'getAll',
	command: 'createOrUpdate',
	customer: 'getAll',
	dialog: 'assign',
	file: 'upload',
	member: 'getAll',
	message: 'send',
	module: 'register',
	user: 'getAll',
};

/** Operations an AI agent cannot use: they answer a pending request, need a trigger item, or set up once. */
const NOT_FOR_TOOL = ['register'];

export class RetailCrmBot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'retailCRM Bot',
		name: 'retailCrmBot',
		icon: { light: 'file:retailcrm.svg', dark: 'file:retailcrm.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Register a retailCRM / Simla bot module and use the MessageGateway Bot API',
		defaults: { name: 'retailCRM Bot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'retailCrmBotApi', required: true, displayOptions: { hide: { resource: ['module'] } } },
			{ name: 'retailCrmApi', required: true, displayOptions: { show: { resource: ['module'] } } },
		],
		properties: toolAwareProperties([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'message',
				options: [
					{ name: 'Bot', value: 'bot' },
					{ name: 'Channel', value: 'channel' },
					{ name: 'Chat', value: 'chat' },
					{ name: 'Chat Member', value: 'member' },
					{ name: 'Command', value: 'command' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Dialog', value: 'dialog' },
					{ name: 'File', value: 'file' },
					{ name: 'Message', value: 'message' },
					{ name: 'Module', value: 'module' },
					{ name: 'User', value: 'user' },
				],
			},
			...Object.entries(operationsByResource).map(([resource, options]) => ({
				displayName: 'Operation',
				name: 'operation',
				type: 'options' as const,
				noDataExpression: true,
				displayOptions: { show: { resource: [resource] } },
				default: defaults[resource],
				options,
			})),
			...Object.values(operations).flatMap((byOperation) =>
				Object.values(byOperation).flatMap((operation) => operation.description),
			),
			requestOptionsParameter,
		], NOT_FOR_TOOL),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		refuseInTool(this, this.getNodeParameter('operation', 0) as string, NOT_FOR_TOOL);
		return await router.call(this);
	}
}
