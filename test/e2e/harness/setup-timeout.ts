// Real n8n boots in seconds, workflows activate asynchronously: e2e hooks and tests get minutes, not 5 s.
jest.setTimeout(180_000);
