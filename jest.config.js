// Three layers: unit (pure functions and mocks), engine (nodes run in-process by n8n-core),
// e2e (the packed package installed into a real n8n server).
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	modulePathIgnorePatterns: ['<rootDir>/.runtime/', '<rootDir>/dist/'],
	transform: { '^.+\\.ts$': tsJest },
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	...extra,
});

module.exports = {
	projects: [
		project('unit'),
		project('engine'),
		project('e2e', {
			globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/harness/setup-timeout.ts'],
		}),
	],
};
