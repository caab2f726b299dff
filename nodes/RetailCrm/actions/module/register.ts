import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { v5Request } from '../../transport';
import { forOperation, stringParameter, type OperationContext } from '../common';
import { DEFAULT_ACTIVITY_PATH, moduleBody, registrationOutput } from '../../module';

export const description = forOperation('module', 'register', [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. awesomebot-101',
		description: 'The module code in this account; registering an existing code updates that module',
	},
	{
		displayName: 'Output Bot Token',
		name: 'revealToken',
		type: 'boolean',
		default: false,
		description:
			'Whether the output shows the bot token in full, to copy it into the retailCRM Bot API credential. n8n stores the data of every execution: turn it off again (and delete that execution) once the credential is made. Otherwise the token is masked.',
	},
	{
		displayName: 'Integration Code',
		name: 'integrationCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. awesomebot',
		description: 'The code of the integration this module belongs to',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Awesome Bot',
		description: 'The module name shown in retailCRM',
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. client-101',
		description: 'A unique code that identifies this account to the bot; the activity callback sends it back',
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://n8n.example.com/webhook/1a2b3c',
		description:
			'The address retailCRM calls the module at. With the retailCRM Module Trigger: its Production URL without the final /webhook (the default Activity Path adds it back).',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Account URL',
				name: 'accountUrl',
				type: 'string',
				default: '',
				description: 'Where the user manages the module settings',
			},
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether the module is active',
			},
			{
				displayName: 'Activity Path',
				name: 'activity',
				type: 'string',
				default: DEFAULT_ACTIVITY_PATH,
				description:
					'Path (after Base URL) retailCRM posts to when the module is switched on, off or frozen. The default is where the retailCRM Module Trigger listens.',
			},
			{
				displayName: 'Logo URL',
				name: 'logo',
				type: 'string',
				default: '',
				description: 'Public address of an SVG logo',
			},
			{
				displayName: 'Refresh Token',
				name: 'refreshToken',
				type: 'boolean',
				default: false,
				description: 'Whether retailCRM issues a new bot token',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const module = moduleBody({
		code: stringParameter.call(this, 'code', itemIndex),
		integrationCode: stringParameter.call(this, 'integrationCode', itemIndex),
		name: stringParameter.call(this, 'name', itemIndex),
		clientId: stringParameter.call(this, 'clientId', itemIndex),
		baseUrl: stringParameter.call(this, 'baseUrl', itemIndex),
		active: extra.active === undefined ? true : extra.active === true,
		activity: typeof extra.activity === 'string' ? extra.activity : DEFAULT_ACTIVITY_PATH,
		logo: typeof extra.logo === 'string' ? extra.logo : undefined,
		accountUrl: typeof extra.accountUrl === 'string' ? extra.accountUrl : undefined,
		refreshToken: extra.refreshToken === true,
	});
	const answer = await v5Request.call(this, {
		method: 'POST',
		path: `/integration-modules/${encodeURIComponent(String(module.code))}/edit`,
		form: { integrationModule: JSON.stringify(module) },
		itemIndex,
		limiter: context.limiter,
	});
	return registrationOutput(answer, this.getNodeParameter('revealToken', itemIndex, false) as boolean);
}
