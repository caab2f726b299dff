import type { IDataObject } from 'n8n-workflow';

import { safeEqual } from '../shared/secrets';
import { RequestError } from '../shared/webhook';
import { tryJson } from './messages';
import { activitySchema } from './schemas';

export interface ActivityCallback extends IDataObject {
	clientId: string;
	active: boolean;
	freeze: boolean;
	systemUrl?: string;
}

/**
 * Checks the module `activity` callback (form fields `clientId`, `activity` = JSON `{active, freeze}`,
 * `systemUrl`) against the expected clientId. Throws RequestError(400) on anything wrong.
 */
export function verifyActivity(fields: IDataObject, expectedClientId: string): ActivityCallback {
	const clientId = fields.clientId;
	if (typeof clientId !== 'string' || clientId === '') throw new RequestError(400, 'clientId is missing');
	if (expectedClientId === '' || !safeEqual(clientId, expectedClientId)) throw new RequestError(400, 'Unknown clientId');
	const activity: unknown = typeof fields.activity === 'string' ? tryJson(fields.activity) : fields.activity;
	const parsed = activitySchema.safeParse(activity);
	if (!parsed.success) throw new RequestError(400, 'activity must be a JSON object {"active": boolean, "freeze": boolean}');
	const result: ActivityCallback = { clientId, active: parsed.data.active, freeze: parsed.data.freeze ?? false };
	if (typeof fields.systemUrl === 'string' && fields.systemUrl !== '') result.systemUrl = fields.systemUrl;
	return result;
}
