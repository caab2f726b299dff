import { CHANNEL_TYPES, filter, listOperation } from '../common';

export const { description, execute } = listOperation('channel', '/channels', [
	filter.number('id', 'Channel ID', 'id', 'Only the channel with this ID'),
	filter.options('types', 'Channel Types', 'types', 'Only channels of these types', CHANNEL_TYPES, true),
	filter.yesNo('active', 'Active', 'active', 'Yes: only active channels. No: only deactivated channels.'),
], 'channels');
