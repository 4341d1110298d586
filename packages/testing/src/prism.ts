// Moved to @codecatalyst-runs/dev-servers/prism. This re-export stays only for
// packages/client/src/prism-smoke.test.ts, whose imports the client's own branch owns; import
// '@codecatalyst-runs/dev-servers/prism' everywhere else, and delete this file once that test does.
export * from '@codecatalyst-runs/dev-servers/prism'
