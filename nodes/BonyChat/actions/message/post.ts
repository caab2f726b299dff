import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendResult } from '../../../shared/message';
import { runForEachItem } from '../../../shared/runner';
import { buildEvent, buildWebhookBody, eventIds } from '../../events';
import type { EventType } from '../../events';
import { channelCredential, postEvents } from '../../transport';

type Build = (index: number) => { contactId: unknown; events: IDataObject[]; contact?: IDataObject };

/** Runs one operation over every item: `build` turns an item into the events to post. */
export async function postForItems(ctx: IExecuteFunctions, build: Build): Promise<INodeExecutionData[]> {
	const { channelId, webhookUrl } = await channelCredential(ctx);
	return await runForEachItem(ctx, async (index) => {
			const { contactId, events: built, contact } = build(index);
			const body = buildWebhookBody(channelId, contactId, built, contact);
			const response = await postEvents(ctx, webhookUrl, body, index);
			const events = body.events as IDataObject[];
			return sendResult('bonychat', String(body.contactId), events[0]?.mId as string | undefined, {
				channelId,
				contactId: body.contactId,
				events: events.map((event) => ({ type: event.type, mId: event.mId })),
				statusCode: response.statusCode,
				response: (typeof response.body === 'object' && response.body !== null
					? response.body
					: { body: response.body ?? '' }) as IDataObject,
			});
	});
}

export function messageEvents(
	type: EventType,
	messages: IDataObject[],
	mId: string,
	timestamp: number,
): IDataObject[] {
	const ids = eventIds(mId, messages.length);
	return messages.map((message, index) => buildEvent({ type, mId: ids[index], timestamp, message }));
}
