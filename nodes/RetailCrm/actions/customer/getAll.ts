import { CHANNEL_TYPES, filter, listOperation } from '../common';

export const { description, execute } = listOperation('customer', '/customers', [
	filter.number('id', 'Customer ID', 'id', 'Only the customer with this ID'),
	filter.number('channelId', 'Channel ID', 'channel_id', 'Only customers of this channel'),
	filter.options('channelType', 'Channel Type', 'channel_type', 'Only customers of this channel type', CHANNEL_TYPES),
	filter.string('externalId', 'External ID', 'external_id', 'Only the customer with this external ID'),
], 'customers');
