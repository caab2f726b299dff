import type { IDataObject } from 'n8n-workflow';

import { maskTokens } from '../shared/secrets';

/**
 * The Module Trigger listens at `<base URL>/webhook`, so the default activity path makes a registration whose
 * Base URL is that trigger's Production URL without `/webhook` reach it.
 */
export const DEFAULT_ACTIVITY_PATH = '/webhook';

export interface ModuleFields {
	code: string;
	integrationCode: string;
	name: string;
	clientId: string;
	baseUrl: string;
	active: boolean;
	activity: string;
	logo?: string;
	accountUrl?: string;
	refreshToken?: boolean;
}

/** The `integrationModule` object of `POST /api/v5/integration-modules/{code}/edit` (sent as JSON in a form field). */
export function moduleBody(fields: ModuleFields): IDataObject {
	const activity = fields.activity.trim() === '' ? DEFAULT_ACTIVITY_PATH : fields.activity.trim();
	const body: IDataObject = {
		code: fields.code,
		integrationCode: fields.integrationCode,
		active: fields.active,
		name: fields.name,
		clientId: fields.clientId,
		baseUrl: fields.baseUrl.trim().replace(/\/+$/, ''),
	};
	if (fields.logo) body.logo = fields.logo;
	if (fields.accountUrl) body.accountUrl = fields.accountUrl;
	body.actions = { activity: activity.startsWith('/') ? activity : `/${activity}` };
	body.integrations = { mgBot: fields.refreshToken ? { refreshToken: true } : {} };
	return body;
}

/**
 * What the user needs to create the Bot API credential: the MessageGateway endpoint and the bot token. n8n keeps
 * every execution's data, so the token is masked unless the user asks to see it.
 */
export function registrationOutput(answer: IDataObject, revealToken = false): IDataObject {
	const info = (answer.info ?? {}) as IDataObject;
	const mgBot = (info.mgBot ?? {}) as IDataObject;
	const output = { success: answer.success === true, endpointUrl: mgBot.endpointUrl, token: mgBot.token, info };
	return revealToken ? output : maskTokens(output);
}
