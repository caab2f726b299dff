import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { EventValidationError, buildEvent, buildWebhookBody, eventIds } from '../../events';
import type { EventType } from '../../events';
import { channelCredential, postEvents } from '../../transport';

type Build = (index: number) => { contactId: unknown; events: IDataObject[]; contact?: IDataObject };

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), (error as Error).message, {
		itemIndex,
		description:
			error instanceof EventValidationError
				? 'The channel rejects values beyond its documented limits: fix the field named in the message.'
				: undefined,
	});
}

function buildBody(ctx: IExecuteFunctions, index: number, channelId: string, build: Build): IDataObject {
	try {
		const { contactId, events, contact } = build(index);
		return buildWebhookBody(channelId, contactId, events, contact);
	} catch (error) {
		throw asNodeError(ctx, error, index);
	}
}

/** Runs one operation over every item: `build` turns an item into the events to post. */
export async function postForItems(
	ctx: IExecuteFunctions,
	build: Build,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const { channelId, webhookUrl } = await channelCredential(ctx);
	const output: INodeExecutionData[] = [];
	for (let index = 0; index < items.length; index++) {
		try {
			const body = buildBody(ctx, index, channelId, build);
			const response = await postEvents(ctx, webhookUrl, body, index);
			const events = body.events as IDataObject[];
			output.push({
				json: {
					success: true,
					channelId,
					contactId: body.contactId,
					events: events.map((event) => ({ type: event.type, mId: event.mId })),
					messageId: events[0]?.mId,
					statusCode: response.statusCode,
					response: (typeof response.body === 'object' && response.body !== null
						? response.body
						: { body: response.body ?? '' }) as IDataObject,
				},
				pairedItem: { item: index },
			});
		} catch (error) {
			const nodeError = asNodeError(ctx, error, index);
			if (ctx.continueOnFail()) {
				output.push({ json: { error: nodeError.message }, pairedItem: { item: index } });
				continue;
			}
			throw nodeError;
		}
	}
	return output;
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
