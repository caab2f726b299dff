import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('user', '/users', [
	filter.number('id', 'User ID', 'id', 'Only the user with this ID'),
	filter.string('externalId', 'External ID', 'external_id', 'Only the user with this external ID (the retailCRM manager ID)'),
	filter.boolean('online', 'Online', 'online', 'Whether to return only users who are online (off: only offline users)'),
	filter.boolean('active', 'Active', 'active', 'Whether to return only active users (off: only deactivated users)'),
], 'users');
