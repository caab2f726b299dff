import { CHANNEL_TYPES, filter, listOperation } from '../common';

export const { description, execute } = listOperation('chat', '/chats', [
	filter.number('id', 'Chat ID', 'id', 'Only the chat with this ID'),
	filter.locator('channelId', 'Channel ID', 'channel_id', 'Only chats of this channel', 'searchChannels'),
	filter.options('channelType', 'Channel Type', 'channel_type', 'Only chats of this channel type', CHANNEL_TYPES),
	filter.number('customerId', 'Customer ID', 'customer_id', 'Only chats of this customer'),
	filter.string('customerExternalId', 'Customer External ID', 'customer_external_id', 'Only chats of the customer with this external ID'),
	filter.yesNo('includeMassCommunication', 'Include Mass Communication', 'include_mass_communication', 'Yes: include chats created by mass mailings. No: leave them out.'),
], 'chats');
